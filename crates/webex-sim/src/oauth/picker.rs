//! The sign-in page of `/v1/authorize` without a `login_hint`: the seeded
//! admins grouped by org; choosing one re-sends the same request with that
//! admin as `login_hint`, which approves it. Every text is escaped.

use std::fmt::Write;

use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY};
use axum::response::{Html, IntoResponse, Response};

use super::super::http::QueryParams;
use crate::tenant::{OrgIdx, Tenant};

const STYLE: &str = "body{font:15px/1.4 system-ui,sans-serif;background:#f4f5f7;color:#1b1d21;margin:0}\
main{max-width:34rem;margin:3rem auto;padding:0 1rem}h1{font-size:1.5rem;margin:0 0 .25rem}\
h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:#5b6270;margin:1.5rem 0 .5rem}\
.note{color:#5b6270;margin:0 0 1rem}.warn{background:#fff4e5;border:1px solid #f0c36d;padding:.5rem .75rem;border-radius:6px}\
button{display:block;width:100%;text-align:left;background:#fff;border:1px solid #d5d8de;border-radius:8px;\
padding:.6rem .8rem;margin:.4rem 0;font:inherit;cursor:pointer}button:hover,button:focus{border-color:#0a7ce5;outline:none}\
.name{display:block;font-weight:600}.meta{display:block;color:#5b6270;font-size:.85rem}";

/// `unknown_hint` is a `login_hint` that named nobody we know.
pub fn page(tenant: &Tenant, params: &QueryParams, unknown_hint: Option<&str>) -> Response {
    let mut html = String::with_capacity(8 * 1024);
    html.push_str("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    let _ = write!(html, "<title>Sign in – Webex (hubdesk simulator)</title><style>{STYLE}</style></head><body><main>");
    html.push_str("<h1>Sign in to Webex</h1><p class=\"note\">hubdesk simulator: choose a seeded administrator. No password is needed.</p>");
    if let Some(hint) = unknown_hint {
        let _ = write!(html, "<p class=\"warn\">No seeded administrator has the address <b>{}</b>.</p>", escape(hint));
    }
    html.push_str("<form method=\"get\" action=\"/v1/authorize\">");
    for (name, value) in params.without("login_hint") {
        let _ = write!(html, "<input type=\"hidden\" name=\"{}\" value=\"{}\">", escape(name), escape(value));
    }
    for org in tenant.org_indices() {
        write_org_admins(&mut html, tenant, org);
    }
    html.push_str("</form></main></body></html>");
    let headers = [
        (CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"),
        (CACHE_CONTROL, "no-store"),
    ];
    (headers, Html(html)).into_response()
}

fn write_org_admins(html: &mut String, tenant: &Tenant, org: OrgIdx) {
    let admins: Vec<_> = tenant.admins().iter().map(|&p| tenant.person(p)).filter(|p| p.org == org).collect();
    if admins.is_empty() {
        return;
    }
    let _ = write!(html, "<section><h2>{}</h2>", escape(&tenant.org(org).display_name));
    for admin in admins {
        let role = admin.admin.map(|r| r.label()).unwrap_or_default();
        let _ = write!(
            html,
            "<button type=\"submit\" name=\"login_hint\" value=\"{email}\"><span class=\"name\">{name}</span>\
             <span class=\"meta\">{role} · {email}</span></button>",
            email = escape(&admin.email),
            name = escape(&admin.display_name),
        );
    }
    html.push_str("</section>");
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("Søren Ødegård"), "Søren Ødegård");
    }
}
