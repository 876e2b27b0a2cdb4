import type { ApiError } from "../bindings/ApiError";
import type { Translator } from "./translate";

export interface ErrorDescription {
  /** A translated title for the error's code, or the backend's message. */
  summary: string;
  /** The backend's sentence (what happened, what to do next) when it adds
   * something to the summary. Never technical: that is `technical`. */
  sentence: string | null;
  /** What a helpdesk pastes into a ticket: the code, the technical detail
   * and the tracking id, one per line; null when there is nothing beyond
   * the code. Shown behind "Details" with a copy button. */
  technical: string | null;
}

/** What to show for an error: `errors.<code>` in the chosen language as the
 * title, the backend's (English, more specific) sentence under it, and the
 * technical detail apart. */
export function describeError(translator: Translator, error: ApiError): ErrorDescription {
  const key = `errors.${error.code}`;
  const message = error.message.trim();
  const technical = technicalText(error);
  if (!translator.has(key)) {
    return { summary: message || translator.t("errors.internal"), sentence: null, technical };
  }
  const summary = translator.t(key);
  const sentence = message !== "" && message !== summary ? message : null;
  return { summary, sentence, technical };
}

function technicalText(error: ApiError): string | null {
  const detail = error.detail?.trim();
  if (!detail && !error.trackingId) return null;
  const lines = [`code: ${error.code}`];
  if (detail) lines.push(detail);
  if (error.trackingId) lines.push(`tracking id: ${error.trackingId}`);
  return lines.join("\n");
}
