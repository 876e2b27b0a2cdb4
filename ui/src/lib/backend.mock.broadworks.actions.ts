// BroadWorks subscriber actions in the browser preview (B4): a sketch that
// answers each write command so the screens can be looked at. The rules
// (which action applies in which status, the email, the precheck) live in
// Rust and are tested there against the simulator.

import type { SubscriberActionsApplied } from "./bindings/SubscriberActionsApplied";
import type { SubscriberActionsPreview } from "./bindings/SubscriberActionsPreview";
import type { SubscriberAsk } from "./bindings/SubscriberAsk";
import type { SubscriberLive } from "./bindings/SubscriberLive";
import type { Handlers } from "./commands";

type ActionCommands = Pick<
  Handlers<"broadworks">,
  "broadworks_actions_preview" | "broadworks_actions_apply" | "broadworks_follow"
>;

function what(ask: SubscriberAsk): string {
  switch (ask.action.kind) {
    case "retry":
      return `retry activation with ${ask.action.email}: delete, then provision again`;
    case "delete":
      return "delete the subscriber: the Webex user stays, and the subscriber can onboard again";
    case "package":
      return `package standard → ${ask.action.to}`;
  }
}

export function broadworksActionCommands(): ActionCommands {
  const preview = (asks: SubscriberAsk[]): SubscriberActionsPreview => ({
    rows: asks.map((ask) => ({
      subscriberId: ask.subscriberId,
      userId: `${ask.subscriberId}@voip.example`,
      displayName: ask.subscriberId,
      email: null,
      status: "error",
      package: "standard",
      action: ask.action,
      what: what(ask),
    })),
    refused: [],
  });
  const settled = (id: string): SubscriberLive => ({
    subscriberId: id,
    userId: null,
    status: "provisioned",
    package: "standard",
    errors: [],
    settled: true,
    timedOut: false,
  });
  return {
    broadworks_actions_preview: (a) => preview(a.asks),
    broadworks_actions_apply: (a): SubscriberActionsApplied => {
      const total = a.asks.length;
      const run = { runId: `mock-run-${Date.now()}`, orgId: "mock", action: { kind: "broadworksSubscribers" as const, retry: 0, delete: total, package: 0 }, actor: "mock", createdMs: Date.now(), state: "finished" as const, total, succeeded: total, partial: 0, failed: 0 };
      return { run, refused: [] };
    },
    broadworks_follow: (a) => a.subscriberIds.map(settled),
  };
}
