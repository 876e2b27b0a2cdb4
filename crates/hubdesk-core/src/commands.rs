//! The window's commands, dispatched by name from the declared list
//! (`hubdesk_api::for_each_command!`): each command's arguments are read
//! from the JSON the window sent (camelCase), its handler in
//! `features/<feature>/commands.rs` is called, and its answer is returned
//! as JSON. A declared command without a handler, or with other argument
//! types, does not compile. Handlers only parse, call `Core` and answer.

use std::sync::Arc;

use hubdesk_api::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::host::Host;
use crate::Core;

/// Who a command runs for: the core, and the window (or test) that asked.
#[derive(Clone)]
pub struct Caller {
    pub core: Arc<Core>,
    pub host: Arc<dyn Host>,
}

impl Caller {
    pub fn new(core: Arc<Core>, host: Arc<dyn Host>) -> Self {
        Self { core, host }
    }

    /// Sends sync progress to the caller as `sync-progress` events.
    pub fn sync_progress(&self) -> impl Fn(SyncProgress) + Send + Sync + 'static {
        let host = self.host.clone();
        move |progress| host.emit(Event::SyncProgress(progress))
    }

    /// Sends run progress to the caller as `run-progress` events.
    pub fn run_progress(&self) -> impl Fn(RunProgress) + Send + Sync + 'static {
        let host = self.host.clone();
        move |progress| host.emit(Event::RunProgress(progress))
    }

    /// Applies a run in the background; failures reach the window as the
    /// run's final progress event (state `interrupted`) and in its history.
    pub fn apply_in_background(&self, run_id: String) {
        let (core, progress) = (self.core.clone(), self.run_progress());
        tokio::spawn(async move {
            if let Err(e) = core.run_apply(&run_id, &progress).await {
                tracing::warn!(%run_id, "the run stopped: {e}");
            }
        });
    }

    /// Enforces templates for the new and moved people of `org_ids`, in the
    /// background (after a sync).
    pub fn enforce_in_background(&self, org_ids: Vec<String>) {
        let (core, progress) = (self.core.clone(), self.run_progress());
        tokio::spawn(async move {
            for (org_id, result) in core.enforce_templates(&org_ids, &progress).await {
                if let Err(e) = result {
                    tracing::warn!(%org_id, "templates could not be enforced after the sync: {e}");
                }
            }
        });
    }
}

macro_rules! expand_dispatch {
    (
        commands { $( $feature:ident { $( $(#[doc = $doc:literal])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty ; )* } )* }
        events { $( $(#[doc = $edoc:literal])* $payload:ident = $event_name:literal ; )* }
    ) => {
        /// Runs the command `name` with the window's JSON arguments; answers
        /// its result as JSON. A failure is logged with its technical detail,
        /// which the window only shows behind "Details".
        pub async fn dispatch(caller: &Caller, name: &str, args: Value) -> Result<String, ApiError> {
            run(caller, name, args).await.inspect_err(|e| {
                tracing::warn!(command = name, code = ?e.code, detail = ?e.detail, tracking_id = ?e.tracking_id, "{}", e.message)
            })
        }

        async fn run(caller: &Caller, name: &str, args: Value) -> Result<String, ApiError> {
            match name {
                $($(
                    stringify!($name) => {
                        #[derive(serde::Deserialize)]
                        #[serde(rename_all = "camelCase")]
                        struct Args { $($arg: $ty),* }
                        #[allow(unused_variables)]
                        let Args { $($arg),* } = arguments::<Args>(name, args)?;
                        let answer: $ret = crate::features::$feature::commands::$name(caller, $($arg),*).await?;
                        answer_json(&answer)
                    }
                )*)*
                _ => Err(ApiError::internal(format!("there is no command {name}"))),
            }
        }
    };
}

hubdesk_api::for_each_command!(expand_dispatch);

fn arguments<T: DeserializeOwned>(command: &str, args: Value) -> Result<T, ApiError> {
    // A command without arguments may be invoked with none at all.
    let args = if args.is_null() { Value::Object(Default::default()) } else { args };
    serde_json::from_value(args)
        .map_err(|e| ApiError::internal(format!("the arguments of {command} are not valid: {e}")))
}

fn answer_json<T: serde::Serialize>(answer: &T) -> Result<String, ApiError> {
    serde_json::to_string(answer).map_err(ApiError::internal)
}
