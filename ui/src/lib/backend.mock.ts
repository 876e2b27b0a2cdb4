// A fake tenant for looking at the UI in a plain browser (`vite --mode mock`).
// vite.config.ts aliases @tauri-apps/api/core and /event to this file in that
// mode only, so backend.ts runs unchanged on top of it and the production
// bundle never contains it. Not a test double for Rust behaviour: the real
// contract is tested end to end against the app.
//
// URL parameters pick a starting point: ?mock=signed-out (default),
// signed-in, no-keyring, fresh (signed in, home org never synced);
// &theme=light|dark; &fail=sync makes syncs fail (in a sync of every org,
// only Globex fails, so the others' success shows next to it).
//
// Orgs synced more than once come with a change log of past syncs
// (backend.mock.changes.ts); each later sync adds a few changes. License
// templates, their runs and audit log live in backend.mock.templates.ts; the
// Calling report and its fixes in backend.mock.calling*.ts.

import type { ApiError } from "./bindings/ApiError";
import type { ChangeRow } from "./bindings/ChangeRow";
import type { OrgSummary } from "./bindings/OrgSummary";
import type { PersonDetail } from "./bindings/PersonDetail";
import type { PeopleQuery } from "./bindings/PeopleQuery";
import type { SearchResults } from "./bindings/SearchResults";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { Settings } from "./bindings/Settings";
import type { FieldProblem } from "./bindings/FieldProblem";
import type { IntegrationInput } from "./bindings/IntegrationInput";
import type { SyncProgress } from "./bindings/SyncProgress";
import { ORG_RESOURCES } from "../features/orgs/syncProgress";
import { compareRows } from "../features/users/rowOrder";
import { filterOptions, mockNumber, searchPeople, toRow } from "./backend.mock.people";
import { changeHistory, changesOfSync } from "./backend.mock.changes";
import { templateCommands } from "./backend.mock.templates";
import { broadworksActionCommands } from "./backend.mock.broadworks.actions";
import { meetingsCommands } from "./backend.mock.meetings";
import { broadworksCommands } from "./backend.mock.broadworks";
import { callingCommands } from "./backend.mock.calling.fixes";
import type { Command, Handlers } from "./commands";

const params = new URLSearchParams(location.search);
const scenario = params.get("mock") ?? "signed-out";
const MINUTE = 60_000;

function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const FIRST = ["Ada", "Bjørn", "Camille", "Dev", "Elin", "Farah", "Gustav", "Hana", "Ivan", "Julie", "Kofi", "Lars", "Maja", "Noah", "Olivia", "Pierre", "Quinn", "Rosa", "Sven", "Tariq", "Ulla", "Victor", "Wen", "Yusuf", "Zoé"];
const LAST = ["Andersen", "Bernard", "Carlsson", "Dubois", "Eriksson", "Fontaine", "García", "Hansen", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nielsen", "Okafor", "Petersen", "Quist", "Rasmussen", "Svensson", "Thomsen", "Ueda", "Vidal", "Walsh", "Yilmaz", "Zimmermann"];
const LICENSES = ["Webex Calling - Professional", "Webex Meetings - Enterprise", "Webex Messaging", "Webex Calling - Basic", "Webex Suite - Meet + Call", "Webex Webinars 1000"];
const STATUSES = ["active", "active", "active", "inactive", "inactive", "pending", "call", "meeting", "DoNotDisturb", "OutOfOffice"];
const TITLES = ["Sales Engineer", "Account Manager", "Support Specialist", "Office Manager", "Head of IT", null];
const DEPARTMENTS = ["Sales", "Support", "Finance", "IT", "Operations", null];
const LOCATIONS = [
  { id: "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzE", name: "Headquarters" },
  { id: "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzI", name: "Oslo office" },
  // Not in the cached locations: the pane falls back to the id.
  { id: "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzk", name: null },
];

function makePeople(orgId: string, domain: string, count: number, seed: number): PersonDetail[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const licenses = LICENSES.map((name, j) => ({ name, j }))
      .filter(() => random() < 0.35)
      .map(({ name, j }) => ({
      id: `lic-${j}`,
      name,
      siteUrl: name.includes("Meetings") ? `${domain.split(".")[0]}.webex.com` : null,
      subscriptionId: random() < 0.5 ? `Sub${100000 + i}` : null,
      }));
    const hasPhone = random() < 0.7;
    const location = pick(LOCATIONS);
    const site = `${domain.split(".")[0]}.webex.com`;
    const hosts = licenses.some((l) => l.siteUrl);
    return {
      id: `${orgId}-person-${i}`,
      orgId,
      displayName: `${first} ${last}`,
      firstName: first,
      lastName: last,
      emails: [`${first}.${last}${i}@${domain}`.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")],
      status: pick(STATUSES),
      phoneNumbers: hasPhone ? [{ type: "work", value: mockNumber(i), primary: true, readable: { display: mockNumber(i), valid: true } }] : [],
      extension: hasPhone ? String(2000 + i) : null,
      locationId: hasPhone ? location.id : null,
      locationName: hasPhone ? location.name : null,
      department: pick(DEPARTMENTS),
      title: pick(TITLES),
      created: new Date(Date.now() - random() * 900 * 24 * 60 * MINUTE).toISOString(),
      lastActivity: random() < 0.8 ? new Date(Date.now() - random() * 30 * 24 * 60 * MINUTE).toISOString() : null,
      invitePending: random() < 0.05,
      loginEnabled: random() < 0.95,
      licenses,
      // A host's site as Webex spells it, else now and then an attendee role.
      siteUrls: hosts ? [site] : random() < 0.3 ? [`${site}#attendee`] : [],
    };
  }).sort(compareRows);
}

interface MockOrg {
  summary: OrgSummary;
  domain: string;
  size: number;
  people: PersonDetail[];
  /** Newest first, like list_changes. */
  changes: ChangeRow[];
}

function org(id: string, name: string, domain: string, size: number, isHome: boolean, syncedAgoMs: number | null): MockOrg {
  const synced = syncedAgoMs !== null;
  const summary = { id, displayName: name, isHome, peopleCount: synced ? size : 0, lastSyncedMs: synced ? Date.now() - syncedAgoMs : null };
  const people = synced ? makePeople(id, domain, size, id.length * 7919) : [];
  return { summary, domain, size, people, changes: changeHistory(id, people, summary.lastSyncedMs, rng(size), isHome) };
}

// Only "signed-in" starts with a synced home org; a new sign-in syncs it.
const fresh = scenario !== "signed-in";
const orgs: MockOrg[] = [
  org("org-home", "Northwind Partners", "northwind.example", 2000, true, fresh ? null : 3 * MINUTE),
  org("org-contoso", "Contoso Dental", "contoso.example", 340, false, 2 * 24 * 60 * MINUTE),
  org("org-fabrikam", "Fabrikam Logistics", "fabrikam.example", 100_000, false, null),
  org("org-globex", "Globex Retail", "globex.example", 860, false, 21 * 24 * 60 * MINUTE),
  org("org-initech", "Initech Insurance", "initech.example", 1250, false, 5 * 60 * MINUTE),
  org("org-umbrella", "Umbrella Health", "umbrella.example", 75, false, 26 * 60 * MINUTE),
];

const admin = { personId: "admin-1", displayName: "Sam Rivera", email: "sam.rivera@northwind.example", orgId: "org-home", orgName: "Northwind Partners" };
const keyring: SessionInfo["keyring"] =
  scenario === "no-keyring"
    ? { state: "unavailable", detail: "Platform secure storage failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files" }
    : { state: "available" };
const signedIn = scenario === "signed-in" || scenario === "fresh";
let session: SessionInfo = {
  tenant: signedIn ? "demo" : null,
  user: signedIn ? admin : null,
  keyring,
  apiBase: null,
};
let settings: Settings = {
  clientId: "",
  hasClientSecret: false,
  redirectUri: "http://127.0.0.1:8765/callback",
  theme: (params.get("theme") as Settings["theme"]) ?? "system",
  language: "en",
  scopes: ["spark:people_read", "spark-admin:people_read", "spark-admin:licenses_read", "spark-admin:organizations_read"],
};

const failSyncs = params.get("fail") === "sync";
const listeners = new Set<(event: { payload: SyncProgress }) => void>();
let cancelRequested = false;
let syncing = false;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fail = (code: ApiError["code"], message: string): never => {
  throw { code, message, detail: null, trackingId: null } satisfies ApiError;
};
const emit = (payload: SyncProgress) => listeners.forEach((l) => l({ payload }));

function findOrg(orgId: unknown): MockOrg {
  return orgs.find((o) => o.summary.id === orgId) ?? fail("not_found", `No organization ${String(orgId)}`);
}

/** Fetches one org like the real sync does, page by page with progress
 * events; `failing` makes it stop with a 429 after three pages. */
async function fetchOrg(target: MockOrg, failing: boolean) {
  const orgId = target.summary.id;
  for (const resource of ORG_RESOURCES) {
    const total = resource === "people" ? target.size : 6;
    // Big orgs come in bigger pages so the fake sync stays short.
    const pageSize = total > 10_000 ? 2000 : 100;
    let items = 0;
    let pages = 0;
    emit({ orgId, resource, phase: "running", pages, items, error: null });
    while (items < total) {
      await sleep(resource === "people" ? 90 : 60);
      if (cancelRequested) {
        emit({ orgId, resource, phase: "cancelled", pages: 0, items: 0, error: null });
        fail("cancelled", "Sync cancelled.");
      }
      if (failing && pages === 3) {
        const error: ApiError = { code: "rate_limited", message: "Webex is limiting requests right now. Try again in a minute.", detail: "Webex answered 429 Too Many Requests: retry after 600 s", trackingId: "ROUTERGW_6f1c2a" };
        emit({ orgId, resource, phase: "failed", pages: 0, items: 0, error });
        throw error;
      }
      pages++;
      items = Math.min(total, items + pageSize);
      emit({ orgId, resource, phase: "running", pages, items, error: null });
    }
    emit({ orgId, resource, phase: "done", pages, items, error: null });
  }
  target.people = makePeople(orgId, target.domain, target.size, orgId.length * 7919);
  const now = Date.now();
  // A first sync has nothing to compare with, so it records no changes.
  if (target.summary.lastSyncedMs !== null) {
    target.changes = [...changesOfSync(orgId, target.people, now, rng(now), target.summary.isHome), ...target.changes].slice(0, 1000);
  }
  target.summary = { ...target.summary, peopleCount: target.size, lastSyncedMs: now };
}

/** Runs `work` while holding the one sync slot, like the backend. */
async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  if (syncing) fail("busy", "A sync is already running.");
  syncing = true;
  cancelRequested = false;
  try {
    return await work();
  } finally {
    syncing = false;
  }
}

async function syncOrg(orgId: string) {
  const target = findOrg(orgId);
  await exclusive(() => fetchOrg(target, failSyncs));
  return [];
}

/** Every org, four at a time; one failing org does not stop the others
 * (with &fail=sync, Globex fails), and the first error is the answer. */
async function syncAll() {
  return exclusive(async () => {
    await sleep(300); // refreshing the org list
    const queue = [...orgs];
    const errors: unknown[] = [];
    const worker = async () => {
      for (let next = queue.shift(); next && !cancelRequested; next = queue.shift()) {
        await fetchOrg(next, failSyncs && next.summary.id === "org-globex").catch((e) => errors.push(e));
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    if (cancelRequested) fail("cancelled", "Sync cancelled.");
    if (errors.length > 0) throw errors[0];
    return orgs.map((o) => o.summary);
  });
}

// The search across orgs, after the backend's rules (store/search.rs): every
// typed word must begin a word of the name or an email part; a typed number
// (spaces, dashes allowed) begins or ends a phone number, or begins an
// extension.
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const wordsOf = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const searchWords = new WeakMap<PersonDetail, string[]>();

function personWords(p: PersonDetail): string[] {
  let words = searchWords.get(p);
  if (!words) {
    const numbers = p.phoneNumbers.map((n) => n.value.replace(/\D/g, ""));
    words = [...wordsOf(p.displayName), ...p.emails.flatMap(wordsOf), ...numbers, ...numbers.map((n) => `r${[...n].reverse().join("")}`), ...(p.extension ? [p.extension] : [])];
    searchWords.set(p, words);
  }
  return words;
}

function queryTerms(text: string): string[][] {
  const trimmed = text.trim();
  const isNumber = /\d/.test(trimmed) && /^[\d +\-().]+$/.test(trimmed);
  const words = isNumber ? [trimmed.replace(/\D/g, "")] : wordsOf(trimmed);
  // Each term lists the prefixes that satisfy it.
  return words.map((w) => (/^\d{3,}$/.test(w) ? [w, `r${[...w].reverse().join("")}`] : [w]));
}

function searchEverywhere(text: string): SearchResults {
  const terms = queryTerms(text);
  if (terms.length === 0) return { total: 0, hits: [] };
  const matches = (p: PersonDetail) => terms.every((prefixes) => personWords(p).some((w) => prefixes.some((x) => w.startsWith(x))));
  const found = orgs.flatMap((o) => o.people.filter(matches).map((p) => ({ orgId: o.summary.id, orgName: o.summary.displayName, person: toRow(p) })));
  found.sort((a, b) => a.person.displayName.localeCompare(b.person.displayName, "en", { sensitivity: "base" }) || a.orgId.localeCompare(b.orgId) || a.person.id.localeCompare(b.person.id));
  return { total: found.length, hits: found.slice(0, 50) };
}

// A rough stand-in for the backend's checks (features/settings in the core).
function integrationProblems(input: IntegrationInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!/^[A-Za-z0-9_-]{8,256}$/.test(input.clientId)) problems.push({ field: "clientId", message: input.clientId === "" ? "Enter the client ID shown on your integration's page on developer.webex.com." : "A client ID has only letters and digits, without spaces. Copy it again from developer.webex.com." });
  if (input.clientSecret && /\s/.test(input.clientSecret)) problems.push({ field: "clientSecret", message: "A client secret has no spaces. Copy it again from developer.webex.com." });
  if (!/^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(input.redirectUri)) problems.push({ field: "redirectUri", message: "Use a loopback address with a port, such as http://127.0.0.1:8765/callback, and the same in your integration." });
  return problems;
}

function saveIntegration(input: IntegrationInput): Settings {
  if (integrationProblems(input).length > 0) fail("invalid_input", "Correct the fields marked, then save again.");
  const hasClientSecret = input.clientSecret === null ? settings.hasClientSecret : input.clientSecret !== "";
  settings = { ...settings, clientId: input.clientId, hasClientSecret, redirectUri: input.redirectUri };
  return settings;
}

const templates = templateCommands({
  actor: admin.email,
  people: (orgId) =>
    findOrg(orgId).people.map((p, index) => ({ index, personId: p.id, email: p.emails[0] ?? "", displayName: p.displayName })),
  domain: (orgId) => findOrg(orgId).domain,
  lastSyncedMs: (orgId) => findOrg(orgId).summary.lastSyncedMs,
});

const siteOf = (orgId: string) => `${findOrg(orgId).domain.split(".")[0]}.webex.com`;
const meetings = meetingsCommands((orgId, personId) => {
  const org = findOrg(orgId);
  const person = org.people.find((p) => p.id === personId) ?? fail("not_found", "No such person.");
  return { email: person.emails[0] ?? "", name: person.displayName, site: siteOf(orgId) };
}, siteOf);

const calling = callingCommands({
  people: (orgId) => findOrg(orgId).people,
  startRun: templates.startRun,
  previewCallingTemplate: templates.previewCallingTemplate,
});

const broadworks = broadworksCommands(() =>
  orgs.filter((o) => !o.summary.isHome).map((o) => ({ id: o.summary.id, name: o.summary.displayName, domain: o.domain })),
);

const COMMANDS: Handlers = {
  get_session: () => session,
  sign_in_demo: async () => {
    await sleep(600);
    session = { ...session, tenant: "demo", user: admin };
    return session;
  },
  sign_in_webex: async () => {
    if (!settings.clientId) fail("not_configured", "Add the integration's client ID in Settings first.");
    await sleep(120_000);
    return fail("sign_in_failed", "The browser did not come back within two minutes.");
  },
  sign_out: () => (session = { ...session, tenant: null, user: null }),
  get_settings: () => settings,
  check_integration: async (a) => (await sleep(20), integrationProblems(a.input)),
  save_integration: (a) => saveIntegration(a.input),
  save_appearance: (a) => (settings = { ...settings, ...a.input }),
  app_info: () => ({ version: "0.1.0", dataDir: "/home/sam/.local/share/com.hubdesk.app", logDir: "/home/sam/.local/share/com.hubdesk.app/logs" }),
  open_log_folder: () => null,
  list_orgs: () => orgs.map((o) => o.summary),
  sync_org: (a) => syncOrg(a.orgId as string),
  sync_all: () => syncAll(),
  cancel_sync: () => {
    cancelRequested = true;
    return null;
  },
  sync_status: () => [],
  search_people: async (a) => (await sleep(15), searchPeople(findOrg(a.query.orgId).people, a.query as PeopleQuery)),
  people_filter_options: (a) => filterOptions(findOrg(a.orgId).people),
  people_selection: (a) => {
    const page = searchPeople(findOrg(a.orgId).people, { orgId: a.orgId, text: a.text, filter: a.filter, sort: { key: "name", descending: false }, offset: 0, limit: 100_000 } as PeopleQuery);
    return { personIds: page.rows.map((r) => r.id), total: page.total };
  },
  search_everywhere: async (a) => (await sleep(25), searchEverywhere(a.text as string)),
  list_changes: async (a) => (await sleep(30), findOrg(a.orgId).changes),
  get_person: async (a) => {
    await sleep(40);
    return findOrg(a.orgId).people.find((p) => p.id === a.personId) ?? fail("not_found", "No such person.");
  },
  ...templates.commands,
  ...meetings,
  ...calling,
  ...broadworks,
  ...broadworksActionCommands(),
};

export async function invoke<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  if (!Object.hasOwn(COMMANDS, command)) throw `command ${command} not found`;
  const handler = COMMANDS[command as Command] as (args: unknown) => unknown;
  return (await handler(args)) as T;
}

export async function listen<T>(event: string, handler: (event: { payload: T }) => void): Promise<() => void> {
  const channel = { "sync-progress": listeners, "run-progress": templates.listeners }[event] as Set<typeof handler> | undefined;
  if (!channel) return () => {};
  channel.add(handler);
  return () => channel.delete(handler);
}
