//! E-mail over SMTP with `lettre`: plain-text mails in the member's language, in the form
//! mail providers accept from an automatic sender: a `Message-ID` of the server's own host,
//! `MIME-Version`, `Auto-Submitted: auto-generated` (RFC 3834: no vacation replies back),
//! a one-click `List-Unsubscribe` (RFC 8058), and text wrapped at 78 columns.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lettre::message::header::{ContentType, HeaderName, HeaderValue, MIME_VERSION_1_0};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// Lines of text no longer than this (RFC 5322's recommendation), links aside.
pub const TEXT_WIDTH: usize = 78;

/// A configured SMTP connection (`smtp://host:port`, `smtps://user:pass@host`, or
/// `smtp://…?tls=required` for STARTTLS) and the sender's address.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The host `Message-ID`s are made under: the server's public one, never the machine's
    /// own name, which would tell readers of the headers where the server runs.
    host: String,
}

/// One mail to send.
pub struct Mail<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    /// The text, in paragraphs; it is wrapped on sending.
    pub text: &'a str,
    /// The one-click unsubscribe link of the mail's category; `None` for a mail that is
    /// no notification (an operator's test mail), which has nothing to unsubscribe from.
    pub unsubscribe: Option<&'a str>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// Worth trying again (the server is down, busy, or said so).
    #[error("{0}")]
    Retry(String),
    /// Will never work (a malformed address, a permanent refusal).
    #[error("{0}")]
    Refused(String),
}

impl Mailer {
    /// Reads the configuration; an error says what is wrong with it.
    pub fn new(smtp_url: &str, from: &str, public_url: &str) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| format!("invalid SMTP URL: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("invalid sender address {from:?}: {e}"))?;
        Ok(Mailer {
            transport,
            from,
            host: own_host(public_url).to_owned(),
        })
    }

    pub async fn send(&self, mail: &Mail<'_>) -> Result<(), MailError> {
        let message = self.message(mail)?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(err) if err.is_permanent() => Err(MailError::Refused(err.to_string())),
            Err(err) => Err(MailError::Retry(err.to_string())),
        }
    }
}

impl Mailer {
    /// The message as it goes out.
    pub fn message(&self, mail: &Mail<'_>) -> Result<Message, MailError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| MailError::Refused(format!("invalid address: {e}")))?;
        let random = URL_SAFE_NO_PAD.encode(crate::core::ids::random_bytes::<18>());
        let header = |name: &'static str, value: String| {
            HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
        };
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .message_id(Some(format!("<{random}@{}>", self.host)))
            .header(MIME_VERSION_1_0)
            .raw_header(header("Auto-Submitted", "auto-generated".into()));
        if let Some(link) = mail.unsubscribe {
            builder = builder
                // A link has no spaces, so the header is never folded inside it.
                .raw_header(header("List-Unsubscribe", format!("<{link}>")))
                .raw_header(header(
                    "List-Unsubscribe-Post",
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        builder
            .header(ContentType::TEXT_PLAIN)
            .body(wrap(mail.text))
            .map_err(|e| MailError::Refused(e.to_string()))
    }
}

/// `text` with every line longer than [`TEXT_WIDTH`] wrapped between words. A word longer
/// than a line (a link) stays whole on a line of its own, so it can still be followed;
/// short lines are kept as they are (the signature separator `-- ` keeps its space).
pub fn wrap(text: &str) -> String {
    let options = textwrap::Options::new(TEXT_WIDTH)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::with_capacity(text.len() + text.len() / TEXT_WIDTH);
    for line in text.split_inclusive('\n') {
        let (line, end) = match line.strip_suffix('\n') {
            Some(line) => (line, "\n"),
            None => (line, ""),
        };
        if line.chars().count() <= TEXT_WIDTH {
            out.push_str(line);
        } else {
            out.push_str(&textwrap::wrap(line, &options).join("\n"));
        }
        out.push_str(end);
    }
    out
}

/// The host of the public address, when it is a name (`outnumber.example.org`); for a bare
/// address or `localhost`, a placeholder that names no machine.
pub fn own_host(public_url: &str) -> &str {
    public_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .filter(|h| h.contains('.') && h.parse::<std::net::IpAddr>().is_err())
        .unwrap_or("localhost.localdomain")
}

/// Whether `address` is an e-mail address a mail can be sent to.
pub fn valid_address(address: &str) -> bool {
    address.len() <= 254 && address.parse::<lettre::Address>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_between_words_and_links_stay_whole() {
        let link = format!(
            "https://outnumber.example.org/unsubscribe/{}",
            "x-y_z".repeat(20)
        );
        let text = format!(
            "{}\n\n{link}\n\n-- \nShort line\nSee {link} now.\n",
            "Reunión de emergencia en el almacén: ".repeat(6)
        );
        let wrapped = wrap(&text);
        for line in wrapped.lines() {
            assert!(
                line.chars().count() <= TEXT_WIDTH || line == link,
                "{line:?} in {wrapped}"
            );
        }
        assert!(
            wrapped.lines().filter(|l| *l == link).count() == 2,
            "{wrapped}"
        );
        assert!(wrapped.contains("\n-- \nShort line\n"), "{wrapped}");
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(words(&wrapped), words(&text), "no word is cut or lost");
        assert!(wrapped.ends_with('\n'));
    }

    #[test]
    fn message_ids_name_the_public_host_only() {
        assert_eq!(
            own_host("https://outnumber.example.org/"),
            "outnumber.example.org"
        );
        assert_eq!(own_host("http://hall.example.net:8080"), "hall.example.net");
        assert_eq!(own_host("http://127.0.0.1:8080"), "localhost.localdomain");
        assert_eq!(own_host("http://localhost:8080"), "localhost.localdomain");
    }

    #[test]
    fn a_message_carries_what_providers_ask_for() {
        let mailer = Mailer::new(
            "smtp://127.0.0.1:2525",
            "Outnumber <alerts@outnumber.example.org>",
            "https://outnumber.example.org",
        )
        .expect("mailer");
        let unsubscribe = format!(
            "https://outnumber.example.org/unsubscribe/{}",
            "a".repeat(72)
        );
        let message = mailer
            .message(&Mail {
                to: "ana@example.org",
                subject: "Reunión de emergencia",
                text: "Huelga",
                unsubscribe: Some(&unsubscribe),
            })
            .expect("message");
        let raw = String::from_utf8(message.formatted()).expect("ascii");
        let (headers, _) = raw.split_once("\r\n\r\n").expect("headers");
        for expected in [
            "MIME-Version: 1.0".to_owned(),
            "Auto-Submitted: auto-generated".to_owned(),
            format!("List-Unsubscribe: <{unsubscribe}>"),
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click".to_owned(),
        ] {
            assert!(
                headers.lines().any(|l| l == expected),
                "{expected} in {headers}"
            );
        }
        assert!(
            headers
                .lines()
                .any(|l| l.starts_with("Message-ID: <") && l.ends_with("@outnumber.example.org>")),
            "{headers}"
        );
        assert!(raw.lines().all(|l| l.len() <= 998), "{raw}");

        // A mail that is no notification has nothing to unsubscribe from.
        let test_mail = mailer
            .message(&Mail {
                to: "ana@example.org",
                subject: "Test",
                text: "Test",
                unsubscribe: None,
            })
            .expect("message");
        let raw = String::from_utf8(test_mail.formatted()).expect("ascii");
        assert!(!raw.contains("List-Unsubscribe"), "{raw}");
        assert!(raw.contains("Auto-Submitted: auto-generated"), "{raw}");
    }
}
