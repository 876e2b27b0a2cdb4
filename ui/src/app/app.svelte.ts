// Application state shared by the shell and the screens: session, settings,
// organizations, which screen is showing. Screens own their own details.

import type { ApiError } from "../lib/bindings/ApiError";
import type { OrgSummary } from "../lib/bindings/OrgSummary";
import type { SessionInfo } from "../lib/bindings/SessionInfo";
import type { Settings } from "../lib/bindings/Settings";
import { backend, toApiError } from "../lib/backend";
import { showToast } from "../lib/components/toasts.svelte";
import { setLanguage, t } from "../lib/i18n/index.svelte";
import { applyTheme } from "../lib/theme";
import { sync } from "../features/orgs/sync.svelte";
import { syncAllNotice } from "../features/orgs/syncAllNotice";

export type Screen = "users" | "changes" | "templates" | "calling" | "broadworks" | "settings";

/** Where a person's details were opened from outside the users table: the
 * search across orgs, or an item of the change log (by its key). Closing the
 * details gives focus back there. */
export type PersonOpener = { kind: "search" } | { kind: "change"; key: string };

/** Home organization first, then by name. */
export function sortOrgs(orgs: readonly OrgSummary[]): OrgSummary[] {
  return [...orgs].sort(
    (a, b) => Number(b.isHome) - Number(a.isHome) || a.displayName.localeCompare(b.displayName),
  );
}

class AppState {
  session = $state<SessionInfo | null>(null);
  settings = $state<Settings | null>(null);
  orgs = $state<OrgSummary[]>([]);
  orgId = $state<string | null>(null);
  screen = $state<Screen>("users");
  /** The person whose details the users screen shows, in the current org. */
  openPersonId = $state<string | null>(null);
  /** Set while the open person came from outside the users table. */
  personOpener = $state<PersonOpener | null>(null);
  /** A person opened from elsewhere whose row the users screen has yet to
   * scroll to; a new object each time, so opening the same person again
   * scrolls again. */
  revealRequest = $state<{ orgId: string; personId: string } | null>(null);
  /** The change log item to give focus back to when the changes screen shows. */
  changeToFocus = $state<string | null>(null);
  /** Bumped when a screen is chosen from the navigation or the keyboard, so
   * focus moves into the screen. */
  screenChosen = $state(0);
  /** The list of keyboard shortcuts is showing. */
  shortcutsOpen = $state(false);
  /** Bumped when the keyboard asks for the open person's Meetings
   * troubleshooter; the details pane opens it. */
  troubleshootRequest = $state(0);
  /** Bumped when a sync replaced cached data, so lists fetch again. */
  dataVersion = $state(0);
  startupError = $state<ApiError | null>(null);
  orgsError = $state<ApiError | null>(null);

  org = $derived(this.orgs.find((o) => o.id === this.orgId) ?? null);
  signedIn = $derived(this.session?.user != null);

  async start(): Promise<void> {
    try {
      const [session, settings] = await Promise.all([backend.getSession(), backend.getSettings()]);
      this.useSettings(settings);
      this.session = session;
      if (session.user) {
        await this.loadOrgs();
        this.syncIfNeverSynced();
      }
    } catch (reason) {
      this.startupError = toApiError(reason);
    }
  }

  useSettings(settings: Settings): void {
    this.settings = settings;
    applyTheme(settings.theme);
    setLanguage(settings.language);
  }

  /** After a fresh sign-in: open the home org. */
  async signedInWith(session: SessionInfo): Promise<void> {
    await this.loadOrgs();
    this.screen = "users";
    this.session = session;
    this.syncIfNeverSynced();
  }

  /** An org with no cache yet has nothing to show: fetch it at once (in the
   * background; the shell shows the progress). Synced orgs open on the cache
   * and sync only when asked, so they also open offline. */
  syncIfNeverSynced(): void {
    if (this.org && this.org.lastSyncedMs === null && !sync.running) void this.syncOrg(this.org.id);
  }

  async signOut(): Promise<void> {
    if (sync.running) await sync.cancel();
    this.session = await backend.signOut();
    this.orgs = [];
    this.orgId = null;
    this.openPersonId = null;
    this.personOpener = null;
    this.screen = "users";
  }

  async loadOrgs(): Promise<void> {
    try {
      this.orgs = sortOrgs(await backend.listOrgs());
      this.orgsError = null;
    } catch (reason) {
      this.orgsError = toApiError(reason);
      return;
    }
    if (!this.orgs.some((o) => o.id === this.orgId)) this.useOrg(this.orgs[0]?.id ?? null);
  }

  selectOrg(orgId: string): void {
    this.useOrg(orgId);
    this.syncIfNeverSynced();
  }

  /** Opens a person's details on the users screen, in their org, from
   * outside the users table: their row is scrolled to and focus goes into
   * the details. */
  showPerson(orgId: string, personId: string, from: PersonOpener = { kind: "search" }): void {
    this.screen = "users";
    this.selectOrg(orgId);
    this.openPersonId = personId;
    this.personOpener = from;
    this.revealRequest = { orgId, personId };
  }

  /** Closes the details; answers where focus should go back to: a change
   * log item (on the changes screen, shown again) or the users table. */
  closePerson(): "table" | "elsewhere" {
    const from = this.personOpener;
    this.openPersonId = null;
    this.personOpener = null;
    this.revealRequest = null;
    if (from?.kind !== "change") return "table";
    this.changeToFocus = from.key;
    this.screen = "changes";
    return "elsewhere";
  }

  /** A screen chosen by the admin (navigation, shortcut): focus follows. */
  chooseScreen(screen: Screen): void {
    this.screen = screen;
    this.screenChosen++;
  }

  /** A run's details, in License templates › History, from another screen. */
  runToShow = $state<string | null>(null);

  showRun(runId: string): void {
    this.runToShow = runId;
    this.chooseScreen("templates");
  }

  /** Another org's person has no business staying open. */
  private useOrg(orgId: string | null): void {
    if (orgId !== this.orgId) {
      this.openPersonId = null;
      this.personOpener = null;
    }
    this.orgId = orgId;
  }

  async syncOrg(orgId: string): Promise<void> {
    const name = this.orgs.find((o) => o.id === orgId)?.displayName ?? "";
    const outcome = await sync.run(orgId);
    if (outcome === "cancelled") showToast(t("sync.cancelledNotice"), "info");
    if (outcome !== "done") return;
    await this.loadOrgs();
    this.dataVersion++;
    const count = this.orgs.find((o) => o.id === orgId)?.peopleCount ?? 0;
    showToast(t("sync.completed", { org: name, count }));
  }

  async syncAll(): Promise<void> {
    const outcome = await sync.runAll(this.orgs.map((o) => o.id));
    if (outcome === "busy") return;
    // Even a failed or cancelled run has replaced the orgs that finished.
    await this.loadOrgs();
    this.dataVersion++;
    showToast(...syncAllNotice(outcome, this.orgs, sync.allSummary));
  }
}

export const app = new AppState();
