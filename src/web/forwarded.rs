//! The client's address behind a reverse proxy, for the in-memory rate limits only: never
//! stored, never logged.
//!
//! Behind Caddy or nginx every request comes from the proxy's address, so without this
//! every member would share one rate-limit bucket, and one script guessing passwords would
//! block every log-in on the server. A client may send `Forwarded` or `X-Forwarded-For`
//! itself, naming any address it likes, so the headers are read only when the connection
//! comes from a proxy the operator named (`--trusted-proxy`), and then from the right: each
//! proxy appends the address it saw, so the rightmost address no trusted proxy wrote is the
//! client; what stands left of it may be made up. A header that cannot be read means the
//! peer counts, never an address guessed from half a header.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The address ranges whose connections are proxies that tell the client's address, and the
/// one header they tell it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    ranges: Vec<IpNet>,
    header: ClientHeader,
}

/// Which header names the client. Only one is read: a stock proxy sets one and passes the
/// other on from the client as it came (nginx and Caddy pass a client's own `Forwarded`),
/// so reading both would let a client choose the address it is counted as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ClientHeader {
    /// `X-Forwarded-For`, which nginx (`$proxy_add_x_forwarded_for`) and Caddy set.
    #[default]
    XForwardedFor,
    /// `Forwarded` (RFC 7239), for proxies set up to write it.
    Forwarded,
}

impl TrustedProxies {
    pub fn new(ranges: Vec<IpNet>) -> Self {
        TrustedProxies {
            ranges,
            header: ClientHeader::default(),
        }
    }

    /// The same ranges, whose proxies name the client in `header`.
    pub fn reading(self, header: ClientHeader) -> Self {
        TrustedProxies { header, ..self }
    }

    /// A range as given to `--trusted-proxy`: `10.0.0.0/8`, `::1/128`, or a single address.
    pub fn parse_range(text: &str) -> Result<IpNet, String> {
        let text = text.trim();
        text.parse::<IpNet>()
            .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
            .map(|net| net.trunc())
            .map_err(|_| {
                format!(
                    "{text} is not an address range (such as 127.0.0.1/32, 10.0.0.0/8 or ::1/128)"
                )
            })
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.ranges.iter().any(|range| range.contains(&address))
    }

    /// The address a request counts against: the peer's, unless the peer is a trusted proxy
    /// and the header it tells the client in ([`ClientHeader`]) names one.
    pub fn client_address(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let name = match self.header {
            ClientHeader::XForwardedFor => "x-forwarded-for",
            ClientHeader::Forwarded => "forwarded",
        };
        if !headers.contains_key(name) {
            return peer;
        }
        let chain = joined(headers, name).and_then(|value| match self.header {
            ClientHeader::XForwardedFor => x_forwarded_for(&value),
            ClientHeader::Forwarded => forwarded_for(&value),
        });
        chain
            .and_then(|chain| self.first_untrusted_from_the_right(&chain))
            .unwrap_or(peer)
    }

    fn first_untrusted_from_the_right(&self, chain: &[Hop]) -> Option<IpAddr> {
        for hop in chain.iter().rev() {
            match hop {
                Hop::Address(address) if self.trusts(*address) => continue,
                Hop::Address(address) => return Some(*address),
                // A hop that hides its address: whoever stands behind it is unknown.
                Hop::Hidden => return None,
            }
        }
        // Every hop is a trusted proxy: the request began inside the trusted range.
        match chain.first() {
            Some(Hop::Address(address)) => Some(*address),
            _ => None,
        }
    }
}

/// One address in a chain of proxies, left (the origin) to right (the last proxy's peer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hop {
    Address(IpAddr),
    /// RFC 7239's `unknown` or an obfuscated identifier such as `_hidden`.
    Hidden,
}

/// Every line of a header as one list: a proxy may add a line instead of extending one.
fn joined(headers: &HeaderMap, name: &str) -> Option<String> {
    let mut lines = Vec::new();
    for value in headers.get_all(name) {
        lines.push(value.to_str().ok()?);
    }
    Some(lines.join(","))
}

/// The `for=` of each element of a `Forwarded` header (RFC 7239), or `None` if any element
/// cannot be read or lacks one.
fn forwarded_for(value: &str) -> Option<Vec<Hop>> {
    let mut chain = Vec::new();
    for element in split_outside_quotes(value, ',')? {
        let mut found = None;
        for pair in split_outside_quotes(element, ';')? {
            let pair = pair.trim();
            if pair.is_empty() {
                continue;
            }
            let (name, value) = pair.split_once('=')?;
            if name.trim().eq_ignore_ascii_case("for") {
                if found.is_some() {
                    return None;
                }
                found = Some(node(&unquote(value.trim())?)?);
            }
        }
        chain.push(found?);
    }
    Some(chain)
}

/// The addresses of an `X-Forwarded-For` header, or `None` if any entry is not one.
fn x_forwarded_for(value: &str) -> Option<Vec<Hop>> {
    value
        .split(',')
        .map(|entry| match node(entry.trim())? {
            Hop::Address(address) => Some(Hop::Address(address)),
            Hop::Hidden => None,
        })
        .collect()
}

/// A node: `192.0.2.60`, `192.0.2.60:4711`, `[2001:db8::17]`, `[2001:db8::17]:4711`, a bare
/// IPv6 address, `unknown`, or an obfuscated `_identifier` (optionally with a port).
fn node(text: &str) -> Option<Hop> {
    if let Ok(address) = text.parse::<IpAddr>() {
        return Some(Hop::Address(address.to_canonical()));
    }
    if let Ok(socket) = text.parse::<SocketAddr>() {
        return Some(Hop::Address(socket.ip().to_canonical()));
    }
    if let Some(inside) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return inside
            .parse::<std::net::Ipv6Addr>()
            .ok()
            .map(|v6| Hop::Address(IpAddr::V6(v6).to_canonical()));
    }
    let name = text.split_once(':').map_or(text, |(name, _port)| name);
    let obfuscated = name.len() > 1
        && name.starts_with('_')
        && name[1..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    (name.eq_ignore_ascii_case("unknown") || obfuscated).then_some(Hop::Hidden)
}

/// A token or a quoted string (RFC 7230), as the text it stands for.
fn unquote(value: &str) -> Option<String> {
    let Some(inside) = value.strip_prefix('"') else {
        return (!value.is_empty() && !value.contains('"')).then(|| value.to_owned());
    };
    let inside = inside.strip_suffix('"')?;
    let mut text = String::with_capacity(inside.len());
    let mut chars = inside.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => text.push(chars.next()?),
            '"' => return None,
            c => text.push(c),
        }
    }
    Some(text)
}

/// Splits at `separator` where it stands outside a quoted string; `None` if a quote is left
/// open.
fn split_outside_quotes(value: &str, separator: char) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let (mut quoted, mut escaped, mut start) = (false, false, 0);
    for (at, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                parts.push(&value[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    if quoted {
        return None;
    }
    parts.push(&value[start..]);
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn trusted(ranges: &[&str]) -> TrustedProxies {
        TrustedProxies::new(
            ranges
                .iter()
                .map(|r| TrustedProxies::parse_range(r).expect("range"))
                .collect(),
        )
    }

    fn headers(lines: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in lines {
            map.append(*name, HeaderValue::from_str(value).expect("header value"));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("address")
    }

    const PROXY: &str = "127.0.0.1";

    fn client_behind_proxy(lines: &[(&'static str, &str)]) -> IpAddr {
        trusted(&["127.0.0.1/32"]).client_address(ip(PROXY), &headers(lines))
    }

    /// Behind a proxy set up to name the client in `Forwarded`.
    fn client_behind_forwarding_proxy(lines: &[(&'static str, &str)]) -> IpAddr {
        trusted(&["127.0.0.1/32"])
            .reading(ClientHeader::Forwarded)
            .client_address(ip(PROXY), &headers(lines))
    }

    #[test]
    fn ranges_are_read_as_given_or_as_a_single_address() {
        assert_eq!(
            TrustedProxies::parse_range("10.0.0.0/8"),
            Ok("10.0.0.0/8".parse().expect("net"))
        );
        assert_eq!(
            TrustedProxies::parse_range("::1"),
            Ok("::1/128".parse().expect("net"))
        );
        assert_eq!(
            TrustedProxies::parse_range("192.168.1.7/24"),
            Ok("192.168.1.0/24".parse().expect("net"))
        );
        for bad in ["", "localhost", "10.0.0.0/33", "10.0.0/8", "*"] {
            let err = TrustedProxies::parse_range(bad).expect_err(bad);
            assert!(err.contains("not an address range"), "{err}");
        }
    }

    #[test]
    fn headers_from_a_peer_outside_the_trusted_ranges_are_ignored() {
        let spoofed = headers(&[
            ("x-forwarded-for", "203.0.113.9"),
            ("forwarded", "for=203.0.113.9"),
        ]);
        let stranger = ip("198.51.100.4");
        assert_eq!(
            trusted(&["127.0.0.1/32"]).client_address(stranger, &spoofed),
            stranger
        );
        // Without a trusted proxy at all, nobody's headers count, not even loopback's.
        assert_eq!(
            TrustedProxies::default().client_address(ip(PROXY), &spoofed),
            ip(PROXY)
        );
    }

    #[test]
    fn the_rightmost_address_no_trusted_proxy_wrote_is_the_client() {
        // The client claimed 1.1.1.1 itself; the edge proxy appended what it saw, then an
        // inner proxy in the trusted range its own peer.
        let proxies = trusted(&["127.0.0.1/32", "10.0.0.0/8"]);
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.0.0.5")]);
        assert_eq!(
            proxies.client_address(ip("10.0.0.6"), &chain),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_behind_proxy(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9")]),
            ip("203.0.113.9")
        );
        // Two lines are one list.
        assert_eq!(
            client_behind_proxy(&[
                ("x-forwarded-for", "1.1.1.1"),
                ("x-forwarded-for", "203.0.113.9")
            ]),
            ip("203.0.113.9")
        );
        // A chain of trusted proxies only: the request began at the first.
        assert_eq!(
            proxies.client_address(ip(PROXY), &headers(&[("x-forwarded-for", "10.0.0.5")])),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn forwarded_is_read_with_quoted_ipv6_and_ports() {
        assert_eq!(
            client_behind_forwarding_proxy(&[(
                "forwarded",
                "for=192.0.2.60;proto=https;by=203.0.113.43"
            )]),
            ip("192.0.2.60")
        );
        assert_eq!(
            client_behind_forwarding_proxy(&[("forwarded", r#"For="[2001:db8:cafe::17]:4711""#)]),
            ip("2001:db8:cafe::17")
        );
        assert_eq!(
            client_behind_forwarding_proxy(&[(
                "forwarded",
                r#"for=198.51.100.1, for="192.0.2.43:47011";proto=http"#
            )]),
            ip("192.0.2.43")
        );
        assert_eq!(
            client_behind_forwarding_proxy(&[("forwarded", r#"for="[2001:db8::9]""#)]),
            ip("2001:db8::9")
        );
        // A quoted separator is part of its value, not the end of the element.
        assert_eq!(
            client_behind_forwarding_proxy(&[(
                "forwarded",
                r#"for=192.0.2.1;host="a,b;c", for=192.0.2.2"#
            )]),
            ip("192.0.2.2")
        );
        // Only the header the proxy writes is read: the other may be the client's own.
        assert_eq!(
            client_behind_forwarding_proxy(&[
                ("forwarded", "for=192.0.2.60"),
                ("x-forwarded-for", "203.0.113.9")
            ]),
            ip("192.0.2.60")
        );
        assert_eq!(
            client_behind_proxy(&[
                ("forwarded", "for=192.0.2.60"),
                ("x-forwarded-for", "203.0.113.9")
            ]),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_behind_proxy(&[("forwarded", "for=192.0.2.60")]),
            ip(PROXY),
            "a client's own Forwarded, passed on by a stock proxy, names no one"
        );
    }

    #[test]
    fn ipv4_in_ipv6_is_the_same_address() {
        let proxies = trusted(&["127.0.0.1/32"]);
        let mapped = ip("::ffff:127.0.0.1");
        assert_eq!(
            proxies.client_address(mapped, &headers(&[("x-forwarded-for", "::ffff:192.0.2.7")])),
            ip("192.0.2.7")
        );
    }

    #[test]
    fn a_header_that_cannot_be_read_counts_the_peer() {
        for lines in [
            vec![("x-forwarded-for", "203.0.113.9, not-an-address")],
            vec![("x-forwarded-for", "")],
            vec![("x-forwarded-for", "203.0.113.9,,")],
            vec![("x-forwarded-for", "unknown")],
            vec![("forwarded", "for=")],
            vec![("forwarded", "for=203.0.113.9, proto=https")],
            vec![("forwarded", r#"for="203.0.113.9"#)],
            vec![("forwarded", "for=203.0.113.9;for=192.0.2.1")],
            vec![("forwarded", "for=[2001:db8::1")],
            vec![("forwarded", "203.0.113.9")],
            vec![("forwarded", "for=999.0.0.1")],
            // Forwarded is read but broken: X-Forwarded-For is not tried instead.
            vec![
                ("forwarded", "nonsense"),
                ("x-forwarded-for", "203.0.113.9"),
            ],
        ] {
            // Each read as the header the proxy writes.
            let reading_forwarded = lines.iter().any(|(name, _)| *name == "forwarded");
            let client = if reading_forwarded {
                client_behind_forwarding_proxy(&lines)
            } else {
                client_behind_proxy(&lines)
            };
            assert_eq!(client, ip(PROXY), "{lines:?}");
        }
    }

    #[test]
    fn a_hidden_hop_before_any_client_counts_the_peer() {
        assert_eq!(
            client_behind_forwarding_proxy(&[("forwarded", "for=203.0.113.9, for=unknown")]),
            ip(PROXY)
        );
        assert_eq!(
            client_behind_forwarding_proxy(&[("forwarded", "for=_hidden, for=203.0.113.9")]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn non_ascii_header_values_count_the_peer() {
        let mut map = HeaderMap::new();
        map.insert(
            "x-forwarded-for",
            HeaderValue::from_bytes(b"203.0.113.9\xff").expect("opaque value"),
        );
        assert_eq!(
            trusted(&["127.0.0.1/32"]).client_address(ip(PROXY), &map),
            ip(PROXY)
        );
    }
}
