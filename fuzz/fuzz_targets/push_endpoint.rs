//! The push endpoints the server agrees to call (`core::delivery::check_endpoint`), as a
//! browser's subscription hands them over: only https, never a name or a literal address
//! inside a private network, loopback over http only when the tests ask for it; and
//! `is_public` judges an IPv4 address the same in each of its IPv6 disguises.
#![no_main]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use axum::http::Uri;
use libfuzzer_sys::fuzz_target;
use outnumber::core::delivery::{check_endpoint, is_public};

fuzz_target!(|input: &str| {
    // A scheme and a host as they are, split at the first `|`.
    let (scheme, host) = input.split_once('|').unwrap_or(("https", input));
    check(scheme, host);

    // The whole input as the endpoint of a subscription, read as the server reads it.
    if let Ok(endpoint) = input.trim().parse::<Uri>()
        && let Some(host) = endpoint.host()
    {
        check(endpoint.scheme_str().unwrap_or(""), host);
    }

    // Any four bytes as an IPv4 address, and the same address mapped into IPv6.
    let bytes = input.as_bytes();
    if bytes.len() >= 4 {
        let v4 = Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]);
        let public = is_public(IpAddr::V4(v4));
        assert_eq!(is_public(IpAddr::V6(v4.to_ipv6_mapped())), public, "{v4}");
        if public {
            assert!(
                !v4.is_private() && !v4.is_loopback() && !v4.is_link_local(),
                "{v4}"
            );
        }
    }
    if bytes.len() >= 16 {
        let mut octets = [0u8; 16];
        octets.copy_from_slice(&bytes[..16]);
        let v6 = Ipv6Addr::from(octets);
        if is_public(IpAddr::V6(v6)) {
            assert!(!v6.is_loopback() && !v6.is_unspecified() && !v6.is_multicast());
            assert!(v6.segments()[0] & 0xfe00 != 0xfc00, "unique local {v6}");
            assert!(v6.segments()[0] & 0xffc0 != 0xfe80, "link-local {v6}");
        }
    }
});

fn check(scheme: &str, host: &str) {
    let strict = check_endpoint(scheme, host, false).is_ok();
    let loose = check_endpoint(scheme, host, true).is_ok();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let ip = bare.parse::<IpAddr>().ok();
    if strict {
        assert_eq!(scheme, "https", "{scheme}://{host}");
        assert!(!bare.is_empty());
        let lower = bare.to_ascii_lowercase();
        let name = lower.strip_suffix('.').unwrap_or(&lower);
        assert!(
            name != "localhost" && !name.ends_with(".localhost") && !name.ends_with(".local"),
            "{host}"
        );
        match ip {
            Some(ip) => assert!(is_public(ip), "{host} is not public"),
            // A name, never an address in another spelling ("127.1", "0x7f.1").
            None => assert!(
                !name
                    .rsplit('.')
                    .next()
                    .is_some_and(|last| last.chars().any(|c| c.is_ascii_digit())),
                "{host}"
            ),
        }
        // Allowing loopback for the tests never refuses what is otherwise allowed.
        assert!(loose, "{scheme}://{host}");
    } else if loose {
        // The only thing the tests' switch adds: a literal loopback address, over http(s).
        assert!(ip.is_some_and(|ip| ip.is_loopback()), "{host}");
        assert!(scheme == "http" || scheme == "https", "{scheme}");
    }
}
