// The integration form's state: what is typed, and each field's problem as
// the backend's one set of rules sees it (check_integration), asked as the
// admin types. A problem shows once its field was left or a save tried, so
// a fresh form is not red before anything was typed.

import type { FieldProblem } from "../../lib/bindings/FieldProblem";
import type { IntegrationField } from "../../lib/bindings/IntegrationField";
import type { IntegrationInput } from "../../lib/bindings/IntegrationInput";
import type { Settings } from "../../lib/bindings/Settings";
import { backend } from "../../lib/backend";
import { debounce } from "../../lib/debounce";
import { Generations } from "../../lib/latest";

const CHECK_DEBOUNCE_MS = 150;

export class IntegrationDraft {
  clientId = $state("");
  /** Empty keeps the stored secret; the secret itself never comes back. */
  clientSecret = $state("");
  redirectUri = $state("");
  problems = $state.raw<FieldProblem[]>([]);
  private touched = $state<Record<IntegrationField, boolean>>({ clientId: false, clientSecret: false, redirectUri: false });
  private checks = new Generations();
  private readonly checkSoon = debounce(() => void this.check(), CHECK_DEBOUNCE_MS);

  constructor(settings: Settings) {
    this.reset(settings);
  }

  reset(settings: Settings): void {
    this.clientId = settings.clientId;
    this.clientSecret = "";
    this.redirectUri = settings.redirectUri;
    this.problems = [];
  }

  input(secret: string | null = this.clientSecret === "" ? null : this.clientSecret): IntegrationInput {
    return { clientId: this.clientId.trim(), clientSecret: secret, redirectUri: this.redirectUri.trim() };
  }

  /** A field changed: check again shortly. */
  edited(field: IntegrationField): void {
    if (field === "clientSecret" && this.clientSecret === "") this.touched.clientSecret = false;
    this.checkSoon();
  }

  /** A field was left: its problem may show. */
  left(field: IntegrationField): void {
    this.touched[field] = true;
    void this.check();
  }

  /** Before saving: every problem shows. Resolves true when there is none. */
  async ready(): Promise<boolean> {
    this.touched = { clientId: true, clientSecret: this.clientSecret !== "", redirectUri: true };
    await this.check();
    return this.problems.length === 0;
  }

  /** The problem to show next to `field`, if any. */
  problemOf(field: IntegrationField): string | null {
    if (!this.touched[field]) return null;
    return this.problems.find((p) => p.field === field)?.message ?? null;
  }

  async check(): Promise<void> {
    const isCurrent = this.checks.next();
    const problems = await backend.checkIntegration(this.input());
    if (isCurrent()) this.problems = problems;
  }
}
