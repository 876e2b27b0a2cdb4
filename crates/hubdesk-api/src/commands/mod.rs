//! The command list (`list.rs`) expanded for the API's own needs: the
//! names, the events as a Rust enum, and the TypeScript command map.

use std::collections::BTreeSet;

use ts_rs::{Config, TypeVisitor, TS};

use crate::*;

#[macro_use]
mod list;

/// One declared command, as the TypeScript map shows it.
#[derive(Debug, Clone)]
pub struct CommandSpec {
    pub feature: &'static str,
    pub name: &'static str,
    pub doc: Vec<&'static str>,
    /// (camelCase name, TypeScript type).
    pub args: Vec<(String, String)>,
    pub answer: String,
}

macro_rules! expand_for_api {
    (
        commands { $( $feature:ident { $( $(#[doc = $doc:literal])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty ; )* } )* }
        events { $( $(#[doc = $edoc:literal])* $payload:ident = $event_name:literal ; )* }
    ) => {
        /// Every command's name, as the window invokes it.
        pub const COMMAND_NAMES: &[&str] = &[$($(stringify!($name)),*),*];

        /// Everything the backend tells the window without being asked.
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Event {
            $( $(#[doc = $edoc])* $payload($payload), )*
        }

        impl Event {
            /// The name the window listens to.
            pub fn name(&self) -> &'static str {
                match self { $( Event::$payload(_) => $event_name, )* }
            }

            /// The payload as JSON.
            pub fn payload(&self) -> serde_json::Value {
                match self {
                    $( Event::$payload(p) => serde_json::to_value(p).expect("event payloads serialize"), )*
                }
            }
        }

        /// Every command with its TypeScript argument and answer types.
        pub fn command_specs(cfg: &Config) -> Vec<CommandSpec> {
            vec![$($(CommandSpec {
                feature: stringify!($feature),
                name: stringify!($name),
                doc: vec![$($doc),*],
                args: vec![$((camel_case(stringify!($arg)), <$ty as TS>::name(cfg))),*],
                answer: <$ret as TS>::name(cfg),
            }),*),*]
        }

        /// The bindings files every command and event type needs.
        fn imported_types(cfg: &Config) -> BTreeSet<String> {
            let mut names = BTreeSet::new();
            $($( $( importable::<$ty>(cfg, &mut names); )* importable::<$ret>(cfg, &mut names); )*)*
            $( importable::<$payload>(cfg, &mut names); )*
            names
        }

        /// (event name, TypeScript payload type, doc).
        fn event_specs(cfg: &Config) -> Vec<(&'static str, String, Vec<&'static str>)> {
            vec![$( ($event_name, <$payload as TS>::name(cfg), vec![$($edoc),*]) ),*]
        }
    };
}

for_each_command!(expand_for_api);

/// `org_id` → `orgId`: Tauri's (and serde's camelCase) spelling of an argument.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// The exported types `T` names: itself if it has a bindings file, else
/// those of its type parameters (`Vec<OrgSummary>` names `OrgSummary`).
fn importable<T: TS + ?Sized + 'static>(cfg: &Config, names: &mut BTreeSet<String>) {
    Imports(cfg, names).visit::<T>();
}

struct Imports<'a>(&'a Config, &'a mut BTreeSet<String>);

impl TypeVisitor for Imports<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_some() {
            self.1.insert(T::ident(self.0));
        } else {
            T::visit_generics(self);
        }
    }
}

/// `ui/src/lib/bindings/commands.ts`: the typed map the UI calls through.
pub fn commands_typescript(cfg: &Config) -> String {
    let mut ts = String::from(
        "// Generated from crates/hubdesk-api/src/commands/list.rs by `cargo test -p hubdesk-api`. Do not edit.\n\n",
    );
    for name in imported_types(cfg) {
        ts.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
    }
    ts.push_str(
        "\n/** Every command the window may call: its feature, arguments and answer. */\nexport type Commands = {\n",
    );
    for spec in command_specs(cfg) {
        push_doc(&mut ts, &spec.doc);
        let args = if spec.args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            let fields: Vec<String> = spec.args.iter().map(|(name, ty)| format!("{name}: {ty}")).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        ts.push_str(&format!(
            "  {}: {{ feature: \"{}\"; args: {args}; answer: {} }};\n",
            spec.name, spec.feature, spec.answer
        ));
    }
    ts.push_str("};\n\n/** Every event the backend sends, by name, with its payload. */\nexport type Events = {\n");
    for (name, payload, doc) in event_specs(cfg) {
        push_doc(&mut ts, &doc);
        ts.push_str(&format!("  \"{name}\": {payload};\n"));
    }
    ts.push_str("};\n");
    ts
}

fn push_doc(ts: &mut String, doc: &[&str]) {
    match doc {
        [] => {}
        [line] => ts.push_str(&format!("  /** {} */\n", line.trim())),
        lines => {
            ts.push_str("  /**\n");
            for line in lines {
                ts.push_str(&format!("   * {}\n", line.trim()));
            }
            ts.push_str("   */\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_spelled_as_the_window_sends_them() {
        assert_eq!(camel_case("org_id"), "orgId");
        assert_eq!(camel_case("typed_confirmation_text"), "typedConfirmationText");
        assert_eq!(camel_case("text"), "text");
    }

    #[test]
    fn every_command_has_a_unique_name() {
        let unique: BTreeSet<_> = COMMAND_NAMES.iter().collect();
        assert_eq!(unique.len(), COMMAND_NAMES.len());
    }

    #[test]
    fn events_carry_their_declared_names() {
        let event = Event::RunProgress(RunProgress {
            run_id: "r".into(),
            done: 1,
            total: 2,
            failed: 0,
            state: RunState::Running,
        });
        assert_eq!(event.name(), "run-progress");
        assert_eq!(event.payload()["runId"], "r");
    }
}
