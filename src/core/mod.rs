//! The rules of the domain, with no I/O: nothing here knows about HTTP, SQL, or the clock
//! (time comes in as an argument). Everything here is tested exhaustively by unit and
//! property tests.

pub mod access;
pub mod actions;
pub mod delivery;
pub mod fanout;

pub mod affiliation;
pub mod bulletins;
pub mod fields;
pub mod ids;
pub mod incidents;
pub mod invites;
pub mod meetings;
pub mod motions;
pub mod names;
pub mod sums;
pub mod time;
pub mod tokens;
pub mod voting;
pub mod zones;

pub use fields::{Invalid, Invalids};
pub use ids::Id;
pub use time::Timestamp;

/// A rule of the domain that refused a request. The web layer maps each to an HTTP answer
/// in one place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rule {
    #[error("not found")]
    Hidden,
    #[error("only coordinators may do this")]
    CoordinatorsOnly,
    #[error("a committee must keep at least one coordinator")]
    LastCoordinator,
    #[error("only councils have affiliates")]
    NotACouncil,
    #[error("the affiliation would make a council its own affiliate")]
    AffiliationCycle,
    #[error("already affiliated")]
    AlreadyAffiliated,
    #[error("already a member")]
    AlreadyMember,
    #[error("the invite has expired")]
    InviteExpired,
    #[error("the invite has been used up")]
    InviteUsedUp,
    #[error("this invite is for another purpose")]
    WrongInviteKind,
    #[error("the handle is taken")]
    HandleTaken,
    #[error("someone in the committee goes by that display name")]
    DisplayNameTaken,
    #[error("registration needs an invite")]
    RegistrationClosed,
    #[error("administrators only")]
    AdminsOnly,
    #[error("the motion is closed")]
    MotionClosed,
    #[error("already voted")]
    AlreadyVoted,
    #[error("only delegates vote in weighted votes")]
    DelegatesOnly,
    #[error("only councils hold weighted votes")]
    WeightedNeedsCouncil,
    #[error("the committee is not affiliated to that council")]
    NotAffiliated,
    #[error("not a delegate of this committee in that council")]
    NotADelegate,
    #[error("candidates must be members of the committee")]
    CandidateNotMember,
    #[error("the demand is already adopted")]
    DemandAlreadyAdopted,
    #[error("the demand is not adopted yet")]
    DemandNotAdopted,
    #[error("the action is over")]
    ActionClosed,
    #[error("pledges are final once the action is on")]
    PledgesFinal,
    #[error("only members of the committees the action reaches can pledge")]
    NotInScope,
    #[error("only a workplace committee has a workforce")]
    NotAWorkplace,
    #[error("the incident is closed")]
    IncidentClosed,
    #[error("the reporter cannot confirm their own report")]
    OwnReport,
    #[error("only the reporter or a coordinator may do this")]
    ReporterOrCoordinator,
    #[error("there is no council further up to widen the alert to")]
    NoCouncilAbove,
    #[error("the committee has posted as many contact lines as it may")]
    TooManyContactLines,
    #[error("only the member who called the meeting or a coordinator may do this")]
    CallerOrCoordinator,
    #[error("the meeting was called off")]
    MeetingCancelled,
    #[error("the meeting is over")]
    MeetingOver,
    #[error("the member holds as many API tokens as they may")]
    TooManyTokens,
    /// One field or more refused, all of them told at once.
    #[error("{0}")]
    Invalid(Invalids),
}

impl From<Invalid> for Rule {
    fn from(invalid: Invalid) -> Self {
        Rule::Invalid(Invalids::from(invalid))
    }
}

impl From<Invalids> for Rule {
    fn from(invalids: Invalids) -> Self {
        Rule::Invalid(invalids)
    }
}
