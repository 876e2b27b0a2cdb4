//! Redirect URIs: only loopback `http://127.0.0.1:<any port>/<any path>`
//! (RFC 8252 §7.3: native apps listen on a port chosen at run time).

use url::Url;

/// The parsed URI when it is an acceptable loopback redirect, else why not.
pub fn loopback(uri: &str) -> Result<Url, &'static str> {
    let url = Url::parse(uri).map_err(|_| "redirect_uri is not a valid URL")?;
    if url.scheme() != "http" || url.host_str() != Some("127.0.0.1") {
        return Err("redirect_uri must be a loopback URL: http://127.0.0.1:<port>/<path>");
    }
    if !url.username().is_empty() || url.password().is_some() || url.fragment().is_some() {
        return Err("redirect_uri must not carry credentials or a fragment");
    }
    Ok(url)
}

/// `redirect` with `params` added to its query.
pub fn with_params(mut redirect: Url, params: &[(&str, &str)]) -> String {
    redirect.query_pairs_mut().extend_pairs(params);
    redirect.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_loopback_ip_urls() {
        assert!(loopback("http://127.0.0.1:53127/callback").is_ok());
        assert!(loopback("http://127.0.0.1/cb").is_ok());
        for bad in [
            "https://127.0.0.1:1/cb",
            "http://localhost:8080/cb",
            "http://127.0.0.1.evil.example/cb",
            "http://evil.example/?x=http://127.0.0.1:1/",
            "http://user@127.0.0.1:1/cb",
            "http://127.0.0.1:1/cb#frag",
            "not a url",
        ] {
            assert!(loopback(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn appends_to_an_existing_query() {
        let url = loopback("http://127.0.0.1:9/cb?x=1").unwrap();
        assert_eq!(with_params(url, &[("code", "a b"), ("state", "s")]), "http://127.0.0.1:9/cb?x=1&code=a+b&state=s");
    }
}
