// The BroadWorks status view's read side in the browser preview: sixty
// subscribers over the mock's customers, every status present, a few in
// error with Webex's texts. A sketch for looking at the screen; the query,
// counts and export are Rust's, tested there.

import type { OnboardingCheck } from "./bindings/OnboardingCheck";
import type { OnboardingItem } from "./bindings/OnboardingItem";
import type { SubscriberPackage } from "./bindings/SubscriberPackage";
import type { SubscriberQuery } from "./bindings/SubscriberQuery";
import type { SubscriberRow } from "./bindings/SubscriberRow";
import type { SubscriberStatus } from "./bindings/SubscriberStatus";
import type { Handlers } from "./commands";

type ReadSide = Pick<
  Handlers<"broadworks">,
  | "broadworks_subscribers"
  | "broadworks_options"
  | "broadworks_refresh"
  | "broadworks_export"
  | "broadworks_onboarding"
  | "broadworks_onboarding_tick"
>;

const STATUSES: SubscriberStatus[] = ["error", "pending_email_input", "pending_email_validation", "pending_user_migration", "provisioning", "updating", "provisioned"];
const PACKAGES: SubscriberPackage[] = ["softphone", "basic", "standard", "premium"];
const NAMES = ["Ada Andersen", "Bjørn Bernard", "Camille Carlsson", "Dev Dubois", "Elin Eriksson", "Farah Fontaine", "Gustav García", "Hana Hansen", "Ivan Ivanova", "Julie Jensen"];

export function broadworksCommands(customers: () => { id: string; name: string; domain: string }[]): ReadSide {
  const ticks = new Map<string, boolean>();
  const rows = (): SubscriberRow[] =>
    Array.from({ length: 60 }, (_, i) => {
      const list = customers();
      const customer = list.length > 0 ? list[i % list.length] : null;
      const [first, last] = NAMES[i % NAMES.length].split(" ");
      const status = i < STATUSES.length ? STATUSES[i] : i % 4 === 0 ? "error" : "provisioned";
      return {
        id: `sub-${i}`,
        userId: `${first.toLowerCase()}${i}@bw.example`,
        firstName: first,
        lastName: last,
        displayName: `${first} ${last}`,
        email: status === "pending_email_input" ? null : `${first.toLowerCase()}.${i}@${customer?.domain ?? "example.com"}`,
        primaryPhoneNumber: `+45 21 00 ${String(i).padStart(2, "0")} 00`,
        mobilePhoneNumber: null,
        extension: null,
        customerOrgId: customer?.id ?? null,
        customerName: customer?.name ?? null,
        spEnterpriseId: `Nordlys+${customer?.id ?? "none"}`,
        provisioningId: `PROV-${customer?.id ?? "none"}`,
        package: PACKAGES[i % PACKAGES.length],
        status,
        lastStatusChange: new Date(Date.UTC(2025, 2, 1, 10, 60 - i)).toISOString(),
        errors: status === "error" ? [{ code: 10022, description: "The BroadWorks UserID is already associated with an existing user." }] : [],
        errorText: status === "error" ? "10022: The BroadWorks UserID is already associated with an existing user." : "",
        actions: status === "provisioned" ? ["delete", "package"] : status === "provisioning" || status === "updating" ? [] : ["retry", "delete", "package"],
      };
    });
  const matches = (r: SubscriberRow, q: SubscriberQuery) => {
    const words = q.text.toLowerCase().split(/\s+/).filter(Boolean);
    const hay = [r.userId, r.displayName, r.email, r.primaryPhoneNumber?.replace(/\D/g, "")].join(" ").toLowerCase();
    return (
      words.every((w) => hay.split(/[^\p{L}\p{N}]+/u).some((h) => h.startsWith(w.replace(/^\+/, "")))) &&
      (q.customerOrgId === null || r.customerOrgId === q.customerOrgId) &&
      (q.package === null || r.package === q.package)
    );
  };
  const shown = (r: SubscriberRow, q: SubscriberQuery) =>
    (q.statuses.length === 0 || q.statuses.includes(r.status as SubscriberStatus)) && !(q.excludeProvisioned && r.status === "provisioned");
  const view = (q: SubscriberQuery) => rows().filter((r) => matches(r, q));
  const checks = (): OnboardingCheck[] =>
    customers().map((c) => {
      const mine = rows().filter((r) => r.customerOrgId === c.id);
      const pending = mine.filter((r) => r.status === "pending_email_input").length;
      const provisioningId = `PROV-${c.id}`;
      return {
        provisioningId,
        spEnterpriseIds: [`Nordlys+${c.id}`],
        customerOrgId: c.id,
        customerName: c.name,
        ticks: (["untrustedEmails", "shareLink"] as OnboardingItem[]).map((item) => {
          const checked = ticks.get(`${provisioningId}/${item}`) ?? false;
          return { item, checked, atMs: checked ? Date.now() : null, by: checked ? "admin@example.com" : null };
        }),
        subscribers: mine.length,
        pendingEmailInput: pending,
        warning: pending >= 5 && pending * 5 >= mine.length ? { pendingEmailInput: pending, subscribers: mine.length } : null,
      };
    });
  return {
    broadworks_subscribers: ({ query }) => {
      const matching = view(query);
      const visible = matching.filter((r) => shown(r, query));
      const counts = STATUSES.map((status) => ({ status, count: matching.filter((r) => r.status === status).length }));
      return { rows: visible.slice(query.offset, query.offset + Math.min(query.limit, 500)), total: visible.length, offset: query.offset, counts };
    },
    broadworks_options: () => {
      const all = rows();
      const list = customers().map((c) => ({ orgId: c.id, name: c.name, subscribers: all.filter((r) => r.customerOrgId === c.id).length }));
      return { customers: list, unmapped: all.filter((r) => r.customerOrgId === null).length, packages: PACKAGES, refreshedMs: Date.now() - 5 * 60_000 };
    },
    broadworks_refresh: () => ({ brought: 3, whole: false, enterprises: null, refreshedMs: Date.now() }),
    broadworks_export: () => "/home/sam/Downloads/hubdesk-broadworks.csv",
    broadworks_onboarding: () => checks(),
    broadworks_onboarding_tick: ({ provisioningId, item, checked }) => {
      ticks.set(`${provisioningId}/${item}`, checked);
      return checks().find((c) => c.provisioningId === provisioningId) ?? checks()[0];
    },
  };
}
