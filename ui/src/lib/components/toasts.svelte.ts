// Short-lived notices ("Settings saved") shown in a corner, newest last.

export interface ToastItem {
  id: number;
  tone: "success" | "info" | "danger";
  text: string;
}

const TOAST_MS = 4000;

let nextId = 1;
export const toasts = $state<ToastItem[]>([]);

export function dismissToast(id: number): void {
  const index = toasts.findIndex((item) => item.id === id);
  if (index >= 0) toasts.splice(index, 1);
}

export function showToast(text: string, tone: ToastItem["tone"] = "success"): void {
  const id = nextId++;
  toasts.push({ id, tone, text });
  setTimeout(() => dismissToast(id), TOAST_MS);
}
