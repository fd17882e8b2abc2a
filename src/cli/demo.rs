//! `outnumber demo`: a throwaway server with a small, realistic network to explore.

use std::net::SocketAddr;

use crate::accounts::Account;
use crate::accounts::service::{Registration, register};
use crate::app::{App, Config};
use crate::committees::service::{Founding, affiliate, create_invite, found, redeem_invite};
use crate::core::Id;
use crate::core::fields::{InviteKind, Language};
use crate::core::voting::Choice;
use crate::error::Error;
use crate::motions::service::{Mark, Proposal, cast, close, move_motion};
use crate::notifications::Outbox;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "solidarity-forever";

/// Who is in the demo network: (handle, display name, language).
const PEOPLE: &[(&str, &str, Language)] = &[
    ("rosa", "Rosa M.", Language::Es),
    ("fatima", "Fatima", Language::En),
    ("ana", "Ana L.", Language::Es),
    ("mei", "Mei", Language::En),
    ("sam", "Sam K.", Language::En),
    ("amir", "Amir", Language::En),
    ("luis", "Luis", Language::Es),
    ("joe", "Joe B.", Language::En),
    ("dolores", "Dolores", Language::Es),
    ("kwame", "Kwame", Language::En),
    ("june", "June (organizer)", Language::En),
];

struct Workplace {
    name: &'static str,
    kind: &'static str,
    industry: &'static str,
    region: &'static str,
    /// The first is the coordinator, who vouches for the others.
    members: &'static [&'static str],
}

const WORKPLACES: &[Workplace] = &[
    Workplace {
        name: "Riverside General Hospital",
        kind: "hospital",
        industry: "health care",
        region: "Minneapolis",
        members: &["rosa", "fatima", "ana"],
    },
    Workplace {
        name: "Northside Community Clinic",
        kind: "hospital",
        industry: "health care",
        region: "Saint Paul",
        members: &["mei", "sam"],
    },
    Workplace {
        name: "Lake Street Postal Depot",
        kind: "depot",
        industry: "logistics",
        region: "Minneapolis",
        members: &["amir", "luis", "joe"],
    },
    Workplace {
        name: "Midway Distribution Warehouse",
        kind: "warehouse",
        industry: "logistics",
        region: "Saint Paul",
        members: &["dolores", "kwame"],
    },
];

struct Council {
    name: &'static str,
    industry: Option<&'static str>,
    region: Option<&'static str>,
    founder: &'static str,
    affiliates: &'static [&'static str],
}

const COUNCILS: &[Council] = &[
    Council {
        name: "Minneapolis Workers' Council",
        industry: None,
        region: Some("Minneapolis"),
        founder: "june",
        affiliates: &["Riverside General Hospital", "Lake Street Postal Depot"],
    },
    Council {
        name: "Health Care Workers' Council",
        industry: Some("health care"),
        region: None,
        founder: "june",
        affiliates: &["Riverside General Hospital", "Northside Community Clinic"],
    },
];

pub struct DemoNetwork {
    pub accounts: Vec<(String, Id)>,
    pub committees: Vec<(String, Id)>,
}

impl DemoNetwork {
    pub fn account(&self, handle: &str) -> Option<Id> {
        self.accounts
            .iter()
            .find(|(h, _)| h == handle)
            .map(|(_, id)| *id)
    }

    pub fn committee(&self, name: &str) -> Option<Id> {
        self.committees
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }
}

/// The zone of the demo's committees, in Minneapolis and Saint Paul.
const DEMO_ZONE: &str = "America/Chicago";

fn account(id: Id, handle: &str, display_name: &str, language: Language) -> Account {
    Account {
        id,
        handle: handle.to_owned(),
        display_name: display_name.to_owned(),
        name_tag: String::new(),
        language,
        is_admin: false,
        time_zone: None,
        session: Vec::new(),
        token: None,
    }
}

/// Seeds the demo network into a server with open registration.
pub async fn seed(app: &App) -> Result<DemoNetwork, Error> {
    let mut accounts = Vec::new();
    let mut people = Vec::new();
    for (handle, name, language) in PEOPLE {
        let registered = register(
            app,
            Registration {
                handle: (*handle).to_owned(),
                password: DEMO_PASSWORD.to_owned(),
                display_name: Some((*name).to_owned()),
                language: Some(language.as_str().to_owned()),
                invite: None,
                setup_token: None,
            },
            None,
        )
        .await?;
        accounts.push(((*handle).to_owned(), registered.id));
        people.push(account(registered.id, handle, name, *language));
    }
    let person = |handle: &str| person_in(&people, handle);

    let mut committees = Vec::new();
    for workplace in WORKPLACES {
        let (founder, others) = workplace
            .members
            .split_first()
            .ok_or_else(|| Error::Internal("a demo workplace needs members".into()))?;
        let founder = person(founder)?;
        let row = found(
            app,
            founder,
            Founding {
                name: workplace.name.to_owned(),
                kind: "workplace".to_owned(),
                workplace_type: Some(workplace.kind.to_owned()),
                industry: Some(workplace.industry.to_owned()),
                region: Some(workplace.region.to_owned()),
                // The demo network is in the Twin Cities.
                time_zone: Some(DEMO_ZONE.to_owned()),
            },
        )
        .await?;
        let id = Id::from_db(row.id);
        committees.push((workplace.name.to_owned(), id));
        // The founder vouches for each coworker, as on the shop floor.
        for other in others.iter() {
            let invite = create_invite(app, founder, id, InviteKind::Member, None, None).await?;
            join(app, person(other)?, &invite.code).await?;
        }
    }

    for council_data in COUNCILS {
        let founder = person(council_data.founder)?;
        let row = found(
            app,
            founder,
            Founding {
                name: council_data.name.to_owned(),
                kind: "council".to_owned(),
                workplace_type: None,
                industry: council_data.industry.map(str::to_owned),
                region: council_data.region.map(str::to_owned),
                time_zone: Some(DEMO_ZONE.to_owned()),
            },
        )
        .await?;
        let council = Id::from_db(row.id);
        committees.push((council_data.name.to_owned(), council));
        for workplace in council_data.affiliates {
            let (_, workplace_id) = committees
                .iter()
                .find(|(n, _)| n == workplace)
                .ok_or_else(|| Error::Internal(format!("no demo workplace {workplace}")))?;
            let coordinator = WORKPLACES
                .iter()
                .find(|w| w.name == *workplace)
                .and_then(|w| w.members.first())
                .ok_or_else(|| Error::Internal("demo workplace without coordinator".into()))?;
            let code = create_invite(app, founder, council, InviteKind::Affiliation, None, None)
                .await?
                .code;
            affiliate(app, person(coordinator)?, *workplace_id, &code, None).await?;
        }
    }
    let network = DemoNetwork {
        accounts,
        committees,
    };
    seed_democracy(app, &network, &people).await?;
    seed_action(app, &network, &people).await?;
    seed_incident(app, &network, &people).await?;
    seed_bulletins(app, &network, &people).await?;
    Ok(network)
}

/// Moves a motion, has `voters` vote, and closes it, as a committee would over a week.
async fn decide(
    app: &App,
    mover: &Account,
    committee: Id,
    proposal: Proposal,
    voters: &[&Account],
    mark: impl Fn() -> Mark,
) -> Result<Id, Error> {
    let motion = Id::from_db(move_motion(app, mover, committee, proposal).await?.id);
    for voter in voters {
        cast(app, voter, motion, mark()).await?;
    }
    close(app, motion).await?;
    Ok(motion)
}

fn in_days(days: i64) -> String {
    crate::core::Timestamp::now()
        .plus_hours(days * 24)
        .rfc3339()
}

/// Delegates in the councils, a council demand endorsed by its affiliates, and a motion still
/// open for voting.
async fn seed_democracy(app: &App, network: &DemoNetwork, people: &[Account]) -> Result<(), Error> {
    let person = |handle: &str| person_in(people, handle);
    let committee = |name: &str| {
        network
            .committee(name)
            .ok_or_else(|| Error::Internal(format!("no demo committee {name}")))
    };
    let hospital = committee("Riverside General Hospital")?;
    let clinic = committee("Northside Community Clinic")?;
    let depot = committee("Lake Street Postal Depot")?;
    let health = committee("Health Care Workers' Council")?;
    let (rosa, fatima, ana) = (person("rosa")?, person("fatima")?, person("ana")?);
    let (mei, sam, june) = (person("mei")?, person("sam")?, person("june")?);

    // Each health workplace elects its delegate to the health care council.
    for (workplace, voters, delegate) in [
        (hospital, vec![rosa, fatima, ana], fatima),
        (clinic, vec![mei, sam], mei),
    ] {
        let proposal = Proposal {
            kind: "elect_delegates".into(),
            title: "Our delegate to the Health Care Workers' Council".into(),
            ballot: "secret".into(),
            closes_at: in_days(7),
            council_id: Some(health.to_string()),
            seats: Some(1),
            candidates: vec![delegate.id.to_string()],
            ..Proposal::default()
        };
        decide(app, voters[0], workplace, proposal, &voters, || {
            Mark::Candidates(vec![delegate.id])
        })
        .await?;
    }

    // The council adopts a demand by its members' vote; both workplaces endorse it.
    let demand = crate::demands::service::draft(
        app,
        fatima,
        health,
        "Safe staffing",
        "One nurse for every four patients on every shift, written into every contract.",
    )
    .await?;
    let demand_id = Id::from_db(demand.id).to_string();
    let adopt = Proposal {
        kind: "adopt_demand".into(),
        title: "Adopt: Safe staffing".into(),
        ballot: "open".into(),
        closes_at: in_days(7),
        demand_id: Some(demand_id.clone()),
        ..Proposal::default()
    };
    decide(app, june, health, adopt, &[june, fatima, mei], || {
        Mark::Choice(Choice::Yes)
    })
    .await?;
    for (workplace, voters) in [
        (hospital, vec![rosa, fatima, ana]),
        (clinic, vec![mei, sam]),
    ] {
        let endorse = Proposal {
            kind: "endorse_demand".into(),
            title: "Endorse the council's demand for safe staffing".into(),
            ballot: "secret".into(),
            closes_at: in_days(7),
            demand_id: Some(demand_id.clone()),
            ..Proposal::default()
        };
        decide(app, voters[0], workplace, endorse, &voters, || {
            Mark::Choice(Choice::Yes)
        })
        .await?;
    }

    // The hospital meets next week; the depot's committee has called an emergency meeting
    // about the new quotas.
    let (amir, luis) = (person("amir")?, person("luis")?);
    for (who, committee, title, days, location, agenda, emergency) in [
        (
            rosa,
            hospital,
            "Monthly committee meeting",
            6,
            "Union hall, 2nd floor, 3100 Lake St",
            vec![
                "Staffing report from each unit",
                "Safe staffing: next steps",
                "Delegate report from the council",
            ],
            false,
        ),
        (
            amir,
            depot,
            "Scanner quotas: what we do now",
            1,
            "Break room, after the morning sort",
            vec!["What management announced", "Our answer"],
            true,
        ),
    ] {
        let proposal = crate::core::meetings::Proposal {
            title: title.to_owned(),
            starts_at: crate::core::meetings::StartsAt::Rfc3339(in_days(days)),
            location: location.to_owned(),
            agenda: agenda.into_iter().map(str::to_owned).collect(),
        };
        crate::meetings::service::schedule(app, who, committee, &proposal, emergency).await?;
    }

    // At the depot, a vote is under way.
    let open = Proposal {
        kind: "decision".into(),
        title: "Refuse the new scanner quotas".into(),
        body: Some(
            "Management wants 20% more scans per hour from January. We refuse together.".into(),
        ),
        ballot: "secret".into(),
        closes_at: in_days(3),
        ..Proposal::default()
    };
    let motion = Id::from_db(move_motion(app, amir, depot, open).await?.id);
    cast(app, luis, motion, Mark::Choice(Choice::Yes)).await?;
    crate::demands::service::draft(
        app,
        luis,
        depot,
        "No scanner quotas",
        "Nobody is disciplined for scan rates. Quotas are set with the committee or not at all.",
    )
    .await?;
    Ok(())
}

/// The city council calls a walkout that goes ahead at five pledges from at least two
/// workplaces; four are in, from both, so the demo shows a count one short of the threshold.
async fn seed_action(app: &App, network: &DemoNetwork, people: &[Account]) -> Result<(), Error> {
    let person = |handle: &str| person_in(people, handle);
    let committee = |name: &str| {
        network
            .committee(name)
            .ok_or_else(|| Error::Internal(format!("no demo committee {name}")))
    };
    let city = committee("Minneapolis Workers' Council")?;
    for (workplace, coordinator, workforce) in [
        ("Riverside General Hospital", "rosa", 420),
        ("Lake Street Postal Depot", "amir", 60),
    ] {
        crate::actions::service::set_workforce(
            app,
            person(coordinator)?,
            committee(workplace)?,
            Some(workforce),
        )
        .await?;
    }
    let walkout = crate::actions::service::call(
        app,
        person("june")?,
        city,
        crate::actions::service::Call {
            title: "Citywide walkout for safe staffing".into(),
            kind: "walkout".into(),
            description: Some(
                "At noon, every shift walks out together for one hour. It goes ahead only \
                 when five of us in at least two workplaces are in."
                    .into(),
            ),
            starts_at: in_days(10),
            public: true,
            public_breakdown: false,
            pledges: Some(5),
            share: None,
            committees: Some(2),
        },
    )
    .await?;
    for handle in ["rosa", "fatima", "amir", "luis"] {
        crate::actions::service::pledge(app, person(handle)?.id, walkout.info.id).await?;
    }
    Ok(())
}

/// Agents staging near the clinic, reported by Mei; a coworker confirms and a nurse from
/// the hospital (same council) signs up as a witness.
async fn seed_incident(app: &App, network: &DemoNetwork, people: &[Account]) -> Result<(), Error> {
    let person = |handle: &str| person_in(people, handle);
    let clinic = network
        .committee("Northside Community Clinic")
        .ok_or_else(|| Error::Internal("no demo clinic".into()))?;
    let reported = crate::incidents::service::report(
        app,
        person("mei")?,
        clinic,
        &crate::core::incidents::Report {
            kind: "staging".into(),
            summary: "Two unmarked vans and agents in vests waiting by the staff entrance".into(),
            location: "Staff entrance on Penn Avenue, Northside Community Clinic".into(),
            urgency: "soon".into(),
        },
    )
    .await?;
    let incident = Id::from_db(reported.row.id);
    crate::incidents::service::confirm(app, person("sam")?.id, incident).await?;
    crate::incidents::service::respond(
        app,
        person("fatima")?.id,
        incident,
        Some(crate::core::incidents::ResponderRole::Witness),
    )
    .await?;
    Ok(())
}

fn person_in<'a>(people: &'a [Account], handle: &str) -> Result<&'a Account, Error> {
    people
        .iter()
        .find(|p| p.handle == handle)
        .ok_or_else(|| Error::Internal(format!("no demo person {handle}")))
}

async fn join(app: &App, person: &Account, code: &str) -> Result<(), Error> {
    let mut tx = app.db.begin().await?;
    let mut outbox = Outbox::default();
    redeem_invite(
        &mut tx,
        &mut outbox,
        person.id,
        code,
        &[InviteKind::Member],
        false,
    )
    .await?;
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(())
}

/// The demo's administrator, who logs in with [`DEMO_PASSWORD`] like everyone else.
pub const ADMIN_HANDLE: &str = "admin";

/// Makes the demo's administrator with the server's one-time setup token, which it uses up:
/// the demo prints no setup link, which anyone who saw it could have used.
pub async fn seed_administrator(app: &App, setup_token: &str) -> Result<(), Error> {
    register(
        app,
        Registration {
            handle: ADMIN_HANDLE.to_owned(),
            password: DEMO_PASSWORD.to_owned(),
            display_name: Some("Server admin".to_owned()),
            language: Some(Language::En.as_str().to_owned()),
            invite: None,
            setup_token: Some(setup_token.to_owned()),
        },
        None,
    )
    .await?;
    Ok(())
}

/// A `--public-url` the demo can put in its links.
#[derive(Debug, PartialEq, Eq)]
pub struct PublicUrl {
    /// Without a trailing slash.
    pub url: String,
    pub https: bool,
    /// The port a browser connects to.
    pub port: u16,
    /// Only this machine reaches it (`localhost`, `127.0.0.1`, `[::1]`).
    pub loopback: bool,
}

impl PublicUrl {
    pub fn parse(text: &str) -> Result<Self, String> {
        let url = text.trim().trim_end_matches('/');
        let refused = || {
            format!(
                "--public-url must be an http:// or https:// address with a host, such as \
                 http://192.168.1.20:8080 (got {text:?})"
            )
        };
        let uri: axum::http::Uri = url.parse().map_err(|_| refused())?;
        let https = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            _ => return Err(refused()),
        };
        let host = uri.host().filter(|h| !h.is_empty()).ok_or_else(refused)?;
        if uri.path_and_query().is_some_and(|p| p.as_str() != "/") {
            return Err(format!(
                "--public-url must be the address of the site, without a path (got {text:?})"
            ));
        }
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let loopback = host.eq_ignore_ascii_case("localhost")
            || bare
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        Ok(PublicUrl {
            url: url.to_owned(),
            https,
            port: uri.port_u16().unwrap_or(if https { 443 } else { 80 }),
            loopback,
        })
    }
}

/// Where the demo listens: as told; for an http public address other machines reach, every
/// interface at its port (a phone on the network must get through); otherwise this machine's
/// port 8080, which may give way to a free port (`true`) when taken.
pub fn listen_address(
    listen: Option<SocketAddr>,
    public: Option<&PublicUrl>,
) -> (SocketAddr, bool) {
    match (listen, public) {
        (Some(addr), _) => (addr, false),
        (None, Some(p)) if !p.https && !p.loopback => {
            (SocketAddr::from(([0, 0, 0, 0], p.port)), false)
        }
        (None, Some(_)) => (SocketAddr::from(([127, 0, 0, 1], 8080)), false),
        (None, None) => (SocketAddr::from(([127, 0, 0, 1], 8080)), true),
    }
}

pub async fn run(listen: Option<SocketAddr>, public_url: Option<String>) -> Result<(), String> {
    let public = public_url.as_deref().map(PublicUrl::parse).transpose()?;
    let (listen, may_move) = listen_address(listen, public.as_ref());
    if let Some(p) = &public
        && listen.ip().is_loopback()
        && !p.loopback
        && !p.https
    {
        println!(
            "Note: the demo listens on {listen}, which only this machine reaches; for phones at \
             {}, listen on the network too: --listen 0.0.0.0:{}",
            p.url, p.port
        );
    }
    let dir = std::env::temp_dir().join(format!("outnumber-demo-{}", Id::random()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let database = dir.join("demo.db");
    let config = |listen: SocketAddr| {
        let mut config = Config::new(listen, format!("sqlite://{}", database.display()));
        config.open_registration = true;
        config.data_dir = dir.clone();
        config.print_setup_link = false;
        if let Some(p) = &public {
            config.public_url = p.url.clone();
            config.secure_cookies = p.https;
        }
        config
    };
    let result = async {
        use crate::server::{StartError, start};
        let running = match start(config(listen)).await {
            Ok(running) => running,
            Err(StartError::Listen(addr, err))
                if err.kind() == std::io::ErrorKind::AddrInUse && may_move =>
            {
                let running = start(config(SocketAddr::new(addr.ip(), 0)))
                    .await
                    .map_err(|e| e.to_string())?;
                println!(
                    "Port {} is in use, so the demo serves on port {} instead (choose a port with \
                     --listen {}:PORT).",
                    addr.port(),
                    running.addr.port(),
                    addr.ip()
                );
                running
            }
            Err(e) => {
                return Err(match &e {
                    StartError::Listen(addr, err)
                        if err.kind() == std::io::ErrorKind::AddrInUse =>
                    {
                        format!("{e}. {}", super::port_taken_hint(*addr))
                    }
                    _ => e.to_string(),
                });
            }
        };
        println!("Seeding the demo network…");
        let network = seed(&running.app).await.map_err(|e| e.to_string())?;
        if let Some(token) = &running.setup_token {
            seed_administrator(&running.app, token)
                .await
                .map_err(|e| e.to_string())?;
        }
        println!();
        println!("Outnumber demo: {}", running.app.config.public_url);
        println!("Registration is open. Every demo account's password is: {DEMO_PASSWORD}");
        println!();
        for (handle, name, _) in PEOPLE {
            let home = WORKPLACES
                .iter()
                .find(|w| w.members.contains(handle))
                .map_or("both councils (founder)", |w| w.name);
            println!("  {handle:<8} {name:<18} {home}");
        }
        println!(
            "  {ADMIN_HANDLE:<8} {:<18} the server's administrator (registration invites)",
            "Server admin"
        );
        println!();
        println!(
            "{} accounts, {} committees and councils. Press Ctrl-C to stop; the demo data is thrown away.",
            network.accounts.len() + 1,
            network.committees.len()
        );
        running.run_until_signal().await;
        Ok(())
    }
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Two bulletins: the city council's report to the whole network below it, in English and
/// Spanish, and the depot committee's note to its own members.
async fn seed_bulletins(app: &App, network: &DemoNetwork, people: &[Account]) -> Result<(), Error> {
    use crate::bulletins::service::{Publish, Version, publish};
    let person = |handle: &str| person_in(people, handle);
    let committee = |name: &str| {
        network
            .committee(name)
            .ok_or_else(|| Error::Internal(format!("no demo committee {name}")))
    };
    publish(
        app,
        person("june")?,
        committee("Minneapolis Workers' Council")?,
        Publish {
            title: "Safe staffing walkout: where we stand".into(),
            body: "Four of the five pledges the walkout needs are in, from **two workplaces**.\n\n\
                   - Talk to one coworker on your shift this week.\n\
                   - Pledge on the action page; you can take it back until it goes ahead.\n\n\
                   *Nobody walks out alone.*"
                .into(),
            audience: "network".into(),
            language: Some("en".into()),
            translations: vec![Version {
                language: "es".into(),
                title: "Paro por personal seguro: cómo vamos".into(),
                body: "Ya hay cuatro de las cinco promesas que necesita el paro, de **dos centros \
                       de trabajo**.\n\n\
                       - Habla con un compañero de tu turno esta semana.\n\
                       - Promete en la página de la acción; puedes retirarla hasta que empiece.\n\n\
                       *Nadie sale solo.*"
                    .into(),
            }],
        },
    )
    .await?;
    publish(
        app,
        person("amir")?,
        committee("Lake Street Postal Depot")?,
        Publish {
            title: "Heat in the sorting room".into(),
            body: "The fans on line 3 are broken again. Write down the temperature at the start \
                   of each shift; we bring the log to Thursday's meeting."
                .into(),
            audience: "members".into(),
            language: Some("en".into()),
            translations: Vec::new(),
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_url_names_a_site_and_says_who_reaches_it() {
        let lan = PublicUrl::parse("http://192.168.1.20:8080/").expect("lan");
        assert_eq!(lan.url, "http://192.168.1.20:8080");
        assert_eq!((lan.port, lan.https, lan.loopback), (8080, false, false));
        let tls = PublicUrl::parse("https://demo.example.org").expect("https");
        assert_eq!((tls.port, tls.https), (443, true));
        assert!(
            PublicUrl::parse("http://localhost:9000")
                .expect("local")
                .loopback
        );
        assert!(PublicUrl::parse("http://[::1]:9000").expect("v6").loopback);
        for bad in [
            "192.168.1.20:8080",
            "ftp://host",
            "http://",
            "http://host/path",
            "",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_demo_listens_where_a_phone_reaches_it() {
        let lan = PublicUrl::parse("http://192.168.1.20:8081").expect("lan");
        assert_eq!(
            listen_address(None, Some(&lan)),
            (SocketAddr::from(([0, 0, 0, 0], 8081)), false)
        );
        let tls = PublicUrl::parse("https://demo.example.org").expect("https");
        assert_eq!(
            listen_address(None, Some(&tls)),
            (SocketAddr::from(([127, 0, 0, 1], 8080)), false)
        );
        assert_eq!(
            listen_address(None, None),
            (SocketAddr::from(([127, 0, 0, 1], 8080)), true)
        );
        let told = SocketAddr::from(([127, 0, 0, 1], 9000));
        assert_eq!(listen_address(Some(told), Some(&lan)), (told, false));
    }
}
