// The template editor's data, as pure functions: the form a template opens
// as, the sections it shows, which groups can be picked, what a draft sends.

import type { AssignmentMode } from "../../lib/bindings/AssignmentMode";
import type { GroupOption } from "../../lib/bindings/GroupOption";
import type { LicenseCategory } from "../../lib/bindings/LicenseCategory";
import type { LicenseOption } from "../../lib/bindings/LicenseOption";
import type { MeetingEntry } from "../../lib/bindings/MeetingEntry";
import type { SiteOption } from "../../lib/bindings/SiteOption";
import type { Template } from "../../lib/bindings/Template";
import type { TemplateDraft } from "../../lib/bindings/TemplateDraft";

/** What a template gives on one Meetings site. */
export type SiteChoice = { kind: "none" } | { kind: "host"; licenseId: string } | { kind: "attendee" };

export interface EditorForm {
  /** null for a new template. */
  id: string | null;
  name: string;
  groupId: string | null;
  /** Non-Meetings license ids. */
  licenses: string[];
  /** By site URL; a site left out gives nothing. */
  sites: Record<string, SiteChoice>;
}

/** The editor's sections, in order; Meetings is drawn per site. */
export const SECTIONS: readonly LicenseCategory[] = ["calling", "meetings", "messaging", "contact_center", "basic", "other"];

export function formFromTemplate(template: Template | null): EditorForm {
  if (!template) return { id: null, name: "", groupId: null, licenses: [], sites: {} };
  const sites: Record<string, SiteChoice> = {};
  for (const entry of template.meetings) {
    sites[entry.siteUrl] =
      entry.account.type === "host" ? { kind: "host", licenseId: entry.account.licenseId } : { kind: "attendee" };
  }
  return { id: template.id, name: template.name, groupId: template.groupId, licenses: [...template.licenses], sites };
}

export function toDraft(form: EditorForm): TemplateDraft {
  const meetings: MeetingEntry[] = [];
  for (const [siteUrl, choice] of Object.entries(form.sites)) {
    if (choice.kind === "host") meetings.push({ siteUrl, account: { type: "host", licenseId: choice.licenseId } });
    if (choice.kind === "attendee") meetings.push({ siteUrl, account: { type: "attendee" } });
  }
  return { id: form.id, name: form.name.trim(), groupId: form.groupId, licenses: [...form.licenses], meetings };
}

/** Units no subscription of the pool has handed out yet. */
export function unitsLeft(license: LicenseOption): number {
  return Math.max(0, license.totalUnits - license.consumedUnits);
}

export interface Section {
  category: LicenseCategory;
  licenses: LicenseOption[];
}

/** The non-Meetings sections that have licenses, in the editor's order. */
export function licenseSections(licenses: readonly LicenseOption[]): Section[] {
  return SECTIONS.filter((c) => c !== "meetings")
    .map((category) => ({
      category,
      licenses: licenses.filter((l) => l.category === category).sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .filter((s) => s.licenses.length > 0);
}

/** The host licenses a site offers. */
export function hostLicenses(site: SiteOption, licenses: readonly LicenseOption[]): LicenseOption[] {
  return site.hostLicenseIds.flatMap((id) => licenses.filter((l) => l.id === id));
}

/** Why a group cannot be picked, if it cannot. */
export type GroupBlock = "distribution" | "hasTemplate" | null;

export interface GroupChoice {
  group: GroupOption;
  blocked: GroupBlock;
}

/** The group picker: pickable groups first, each by name. `ownGroupId` is
 * the group of the template being edited, which may of course keep it. */
export function groupChoices(groups: readonly GroupOption[], ownGroupId: string | null): GroupChoice[] {
  const blockOf = (g: GroupOption): GroupBlock => {
    if (!g.eligible) return "distribution";
    if (g.hasTemplate && g.id !== ownGroupId) return "hasTemplate";
    return null;
  };
  return groups
    .map((group) => ({ group, blocked: blockOf(group) }))
    .sort((a, b) => Number(a.blocked !== null) - Number(b.blocked !== null) || a.group.name.localeCompare(b.group.name));
}

/** The first thing stopping a preview, as an i18n key under templates.editor. */
export type FormProblem = "nameMissing" | "groupMissing" | "empty";

export function formProblem(form: EditorForm, mode: AssignmentMode): FormProblem | null {
  if (form.name.trim() === "") return "nameMissing";
  if (mode === "group" && !form.groupId) return "groupMissing";
  if (toDraft(form).meetings.length === 0 && form.licenses.length === 0) return "empty";
  return null;
}

/** T6: whether an edit takes a service away that the template gave. Then
 * preserve matters even when the template is not applied to everyone. */
export function removesServices(original: Template | null, form: EditorForm): boolean {
  if (!original) return false;
  if (original.licenses.some((id) => !form.licenses.includes(id))) return true;
  return original.meetings.some((entry) => {
    const now = form.sites[entry.siteUrl];
    if (!now || now.kind === "none") return true;
    return entry.account.type === "host" && (now.kind !== "host" || now.licenseId !== entry.account.licenseId);
  });
}

/** How the list shows what a template gives. */
export interface GivenLicense {
  label: string;
  /** Set for a Meetings entry: the site it is on. */
  siteUrl: string | null;
  attendee: boolean;
}

export function givenLicenses(template: Template, licenses: readonly LicenseOption[]): GivenLicense[] {
  const name = (id: string) => licenses.find((l) => l.id === id)?.name ?? id;
  return [
    ...template.licenses.map((id) => ({ label: name(id), siteUrl: null, attendee: false })),
    ...template.meetings.map((m) => ({
      label: m.account.type === "host" ? name(m.account.licenseId) : "",
      siteUrl: m.siteUrl,
      attendee: m.account.type === "attendee",
    })),
  ];
}

/** Whether the form says something else than the template it opened from
 * (or than an empty form, for a new one): then leaving the editor would
 * throw work away. Order does not count, nor a site set back to nothing. */
export function draftChanged(original: Template | null, form: EditorForm): boolean {
  return canonical(toDraft(formFromTemplate(original))) !== canonical(toDraft(form));
}

function canonical(draft: TemplateDraft): string {
  const meetings = [...draft.meetings].sort((a, b) => a.siteUrl.localeCompare(b.siteUrl));
  return JSON.stringify([draft.name, draft.groupId, [...draft.licenses].sort(), meetings]);
}
