//! Templates, the org's assignment settings, and grants.

use rusqlite::{params, OptionalExtension};

use super::{from_json, json, Ledger, Result};
use hubdesk_rules::templates::{AssignmentMode, Grant, Template};

/// T1 and T7 settings of one org. New orgs start org-wide, keeping
/// licenses on group moves (Control Hub's defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgTemplateSettings {
    pub mode: AssignmentMode,
    pub group_transition_preserve: bool,
}

impl Default for OrgTemplateSettings {
    fn default() -> Self {
        OrgTemplateSettings { mode: AssignmentMode::Org, group_transition_preserve: true }
    }
}

fn mode_text(mode: AssignmentMode) -> &'static str {
    match mode {
        AssignmentMode::Org => "org",
        AssignmentMode::Group => "group",
    }
}

impl Ledger {
    pub fn template_settings(&self, org_id: &str) -> Result<OrgTemplateSettings> {
        let row: Option<(String, bool)> = self
            .conn()
            .query_row("SELECT mode, group_transition_preserve FROM org_settings WHERE org_id = ?1", [org_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(match row {
            Some((mode, preserve)) => OrgTemplateSettings {
                mode: if mode == "group" { AssignmentMode::Group } else { AssignmentMode::Org },
                group_transition_preserve: preserve,
            },
            None => OrgTemplateSettings::default(),
        })
    }

    pub fn set_template_settings(&self, org_id: &str, settings: OrgTemplateSettings) -> Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO org_settings (org_id, mode, group_transition_preserve) VALUES (?1, ?2, ?3)",
            params![org_id, mode_text(settings.mode), settings.group_transition_preserve],
        )?;
        Ok(())
    }

    /// T1: switches the mode and deletes the given templates (those of the
    /// mode being left), in one transaction. Licenses are not touched.
    pub fn switch_mode(&self, org_id: &str, settings: OrgTemplateSettings, deleted: &[String]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO org_settings (org_id, mode, group_transition_preserve) VALUES (?1, ?2, ?3)",
            params![org_id, mode_text(settings.mode), settings.group_transition_preserve],
        )?;
        for id in deleted {
            tx.execute("DELETE FROM templates WHERE org_id = ?1 AND id = ?2", [org_id, id])?;
            tx.execute("DELETE FROM grants WHERE org_id = ?1 AND template_id = ?2", [org_id, id])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The org's templates with their last change, by name.
    pub fn templates(&self, org_id: &str) -> Result<Vec<(Template, i64)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT json, updated_ms FROM templates WHERE org_id = ?1")?;
        let rows = stmt.query_map([org_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut templates = rows
            .map(|row| {
                let (text, updated) = row?;
                Ok((from_json::<Template>(&text)?, updated))
            })
            .collect::<Result<Vec<_>>>()?;
        templates.sort_by_key(|(t, _)| t.name.to_lowercase());
        Ok(templates)
    }

    /// The org's templates alone, by name.
    pub fn template_list(&self, org_id: &str) -> Result<Vec<Template>> {
        Ok(self.templates(org_id)?.into_iter().map(|(t, _)| t).collect())
    }

    pub fn save_template(&self, org_id: &str, template: &Template, now_ms: i64) -> Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO templates (org_id, id, json, updated_ms) VALUES (?1, ?2, ?3, ?4)",
            params![org_id, template.id, json(template)?, now_ms],
        )?;
        Ok(())
    }

    /// T6: deleting a template keeps its grants' licenses on the users; the
    /// grants go, so nothing later removes them on its behalf.
    pub fn delete_template(&self, org_id: &str, template_id: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM templates WHERE org_id = ?1 AND id = ?2", [org_id, template_id])?;
        tx.execute("DELETE FROM grants WHERE org_id = ?1 AND template_id = ?2", [org_id, template_id])?;
        tx.commit()?;
        Ok(())
    }

    pub fn grants(&self, org_id: &str) -> Result<Vec<Grant>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT person_id, license_id, template_id FROM grants WHERE org_id = ?1")?;
        let rows = stmt.query_map([org_id], |r| {
            Ok(Grant { person_id: r.get(0)?, license_id: r.get(1)?, template_id: r.get(2)? })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::temp_ledger;

    fn template(id: &str, group: Option<&str>) -> Template {
        Template {
            id: id.into(),
            name: format!("T {id}"),
            group_id: group.map(str::to_owned),
            licenses: vec!["lic-a".into()],
            meetings: vec![],
        }
    }

    #[test]
    fn settings_default_to_org_mode_keeping_licenses_on_moves() {
        let (_dir, ledger) = temp_ledger();
        assert_eq!(ledger.template_settings("o").unwrap(), OrgTemplateSettings::default());
        let group = OrgTemplateSettings { mode: AssignmentMode::Group, group_transition_preserve: false };
        ledger.set_template_settings("o", group).unwrap();
        assert_eq!(ledger.template_settings("o").unwrap(), group);
        assert_eq!(ledger.template_settings("other").unwrap(), OrgTemplateSettings::default());
    }

    #[test]
    fn t1_switching_mode_deletes_the_left_modes_templates_only() {
        let (_dir, ledger) = temp_ledger();
        ledger.save_template("o", &template("org", None), 1).unwrap();
        ledger.save_template("o", &template("g", Some("grp")), 2).unwrap();
        ledger.conn().execute("INSERT INTO grants VALUES ('o', 'p1', 'lic-a', 'org')", []).unwrap();
        let group = OrgTemplateSettings { mode: AssignmentMode::Group, group_transition_preserve: true };
        ledger.switch_mode("o", group, &["org".to_owned()]).unwrap();
        assert!(ledger.grants("o").unwrap().is_empty(), "a deleted template's grants go with it");
        let left: Vec<String> = ledger.templates("o").unwrap().into_iter().map(|(t, _)| t.id).collect();
        assert_eq!(left, vec!["g".to_owned()]);
        assert_eq!(ledger.template_settings("o").unwrap().mode, AssignmentMode::Group);
    }

    #[test]
    fn t6_deleting_a_template_forgets_its_grants() {
        let (_dir, ledger) = temp_ledger();
        ledger.save_template("o", &template("a", None), 1).unwrap();
        ledger
            .conn()
            .execute("INSERT INTO grants VALUES ('o', 'p1', 'lic-a', 'a'), ('o', 'p1', 'lic-b', 'b')", [])
            .unwrap();
        ledger.delete_template("o", "a").unwrap();
        assert!(ledger.templates("o").unwrap().is_empty());
        let grants = ledger.grants("o").unwrap();
        assert_eq!(grants.len(), 1);
        assert_eq!(grants[0].template_id, "b");
    }
}
