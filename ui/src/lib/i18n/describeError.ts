import type { ApiError } from "../bindings/ApiError";
import type { Translator } from "./translate";

export interface ErrorDescription {
  /** A translated sentence for the error code, or the backend's message. */
  summary: string;
  /** The backend's own message when it adds something to the summary. */
  detail: string | null;
  trackingId: string | null;
}

/** What to show for an error: `errors.<code>` in the chosen language, with
 * the backend's (English, more specific) message kept as detail. */
export function describeError(translator: Translator, error: ApiError): ErrorDescription {
  const key = `errors.${error.code}`;
  const message = error.message.trim();
  if (!translator.has(key)) {
    return { summary: message || translator.t("errors.internal"), detail: null, trackingId: error.trackingId };
  }
  const summary = translator.t(key);
  const detail = message !== "" && message !== summary ? message : null;
  return { summary, detail, trackingId: error.trackingId };
}
