//! Who may see and do what in a committee.
//!
//! The rule that protects members most is the first: whoever is not entitled to see a
//! committee learns nothing about it, not even that it exists, so every refusal to an
//! outsider is `Hidden` (answered as 404), and only members learn that an action needs a
//! coordinator (`Forbidden`, answered as 403).

use super::fields::{CommitteeKind, Role};

use super::Rule;

/// How the caller stands towards one committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// A member of the committee itself.
    Member(Role),
    /// A member of a committee affiliated below this council, at any depth. Such a member
    /// sees the council they belong to and aggregate counts, never another committee's
    /// member list.
    Affiliate,
    Outsider,
}

impl Standing {
    pub fn role(self) -> Option<Role> {
        match self {
            Standing::Member(role) => Some(role),
            _ => None,
        }
    }
}

/// May the caller see the committee's page: its name, its councils, and for a council its
/// affiliates with their member counts?
pub fn may_view(standing: Standing, kind: CommitteeKind) -> Result<(), Rule> {
    match (standing, kind) {
        (Standing::Member(_), _) => Ok(()),
        (Standing::Affiliate, CommitteeKind::Council) => Ok(()),
        _ => Err(Rule::Hidden),
    }
}

/// Member lists, the audit log and invitations are for the committee's own members.
pub fn may_see_inside(standing: Standing) -> Result<Role, Rule> {
    standing.role().ok_or(Rule::Hidden)
}

/// Role changes, affiliation codes and affiliating are for coordinators.
pub fn require_coordinator(standing: Standing) -> Result<(), Rule> {
    match standing {
        Standing::Member(Role::Coordinator) => Ok(()),
        Standing::Member(Role::Member) => Err(Rule::CoordinatorsOnly),
        _ => Err(Rule::Hidden),
    }
}

/// May the caller change or call off a meeting? Any member may schedule one, so the member
/// who called it may change it; and coordinators may change any, since a meeting's caller
/// may be away or gone. An emergency meeting is a coordinator's call, so only coordinators
/// change it, even if its caller has been made a plain member since.
pub fn may_change_meeting(
    standing: Standing,
    called_it: bool,
    emergency: bool,
) -> Result<(), Rule> {
    match standing {
        Standing::Member(Role::Coordinator) => Ok(()),
        Standing::Member(Role::Member) if called_it && !emergency => Ok(()),
        Standing::Member(Role::Member) => Err(Rule::CallerOrCoordinator),
        _ => Err(Rule::Hidden),
    }
}

/// May `actor` (with `actor_role`) change `target`'s role to `new_role`, given the number of
/// coordinators now?
pub fn check_role_change(
    actor_role: Role,
    target_role: Role,
    new_role: Role,
    coordinators: usize,
) -> Result<(), Rule> {
    if actor_role != Role::Coordinator {
        return Err(Rule::CoordinatorsOnly);
    }
    if target_role == Role::Coordinator && new_role == Role::Member && coordinators <= 1 {
        return Err(Rule::LastCoordinator);
    }
    Ok(())
}

/// May `actor` remove `target` (possibly themselves) from the committee?
pub fn check_removal(
    actor_role: Role,
    removing_self: bool,
    target_role: Role,
    coordinators: usize,
    members: usize,
) -> Result<(), Rule> {
    if !removing_self && actor_role != Role::Coordinator {
        return Err(Rule::CoordinatorsOnly);
    }
    // The last member may leave (the committee is then dormant); otherwise someone must be
    // left who can run it.
    if target_role == Role::Coordinator && coordinators <= 1 && members > 1 {
        return Err(Rule::LastCoordinator);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_STANDINGS: [Standing; 4] = [
        Standing::Member(Role::Coordinator),
        Standing::Member(Role::Member),
        Standing::Affiliate,
        Standing::Outsider,
    ];

    #[test]
    fn outsiders_never_learn_anything() {
        for kind in CommitteeKind::ALL {
            assert_eq!(may_view(Standing::Outsider, *kind), Err(Rule::Hidden));
        }
        assert_eq!(may_see_inside(Standing::Outsider), Err(Rule::Hidden));
        assert_eq!(require_coordinator(Standing::Outsider), Err(Rule::Hidden));
    }

    #[test]
    fn affiliates_see_the_council_but_never_inside_it() {
        assert_eq!(
            may_view(Standing::Affiliate, CommitteeKind::Council),
            Ok(())
        );
        assert_eq!(
            may_view(Standing::Affiliate, CommitteeKind::Workplace),
            Err(Rule::Hidden)
        );
        assert_eq!(may_see_inside(Standing::Affiliate), Err(Rule::Hidden));
        assert_eq!(require_coordinator(Standing::Affiliate), Err(Rule::Hidden));
    }

    #[test]
    fn only_members_learn_that_coordinators_are_needed() {
        for standing in ALL_STANDINGS {
            let answer = require_coordinator(standing);
            match standing {
                Standing::Member(Role::Coordinator) => assert_eq!(answer, Ok(())),
                Standing::Member(Role::Member) => {
                    assert_eq!(answer, Err(Rule::CoordinatorsOnly))
                }
                _ => assert_eq!(answer, Err(Rule::Hidden)),
            }
        }
    }

    #[test]
    fn a_meeting_is_changed_by_its_caller_or_a_coordinator() {
        for standing in ALL_STANDINGS {
            for called_it in [false, true] {
                for emergency in [false, true] {
                    let answer = may_change_meeting(standing, called_it, emergency);
                    let expected = match standing {
                        Standing::Member(Role::Coordinator) => Ok(()),
                        Standing::Member(Role::Member) if called_it && !emergency => Ok(()),
                        Standing::Member(Role::Member) => Err(Rule::CallerOrCoordinator),
                        _ => Err(Rule::Hidden),
                    };
                    assert_eq!(answer, expected, "{standing:?} {called_it} {emergency}");
                }
            }
        }
        assert_eq!(
            may_change_meeting(Standing::Outsider, true, false),
            Err(Rule::Hidden),
            "an outsider learns nothing, even of a meeting they once called"
        );
    }

    #[test]
    fn the_last_coordinator_stays() {
        use Role::*;
        assert_eq!(
            check_role_change(Coordinator, Coordinator, Member, 1),
            Err(Rule::LastCoordinator)
        );
        assert_eq!(
            check_role_change(Coordinator, Coordinator, Member, 2),
            Ok(())
        );
        assert_eq!(
            check_role_change(Coordinator, Member, Coordinator, 1),
            Ok(())
        );
        assert_eq!(
            check_role_change(Member, Member, Coordinator, 1),
            Err(Rule::CoordinatorsOnly)
        );
        assert_eq!(
            check_removal(Coordinator, true, Coordinator, 1, 5),
            Err(Rule::LastCoordinator)
        );
        assert_eq!(check_removal(Coordinator, true, Coordinator, 1, 1), Ok(()));
        assert_eq!(check_removal(Member, true, Member, 1, 5), Ok(()));
        assert_eq!(
            check_removal(Member, false, Member, 1, 5),
            Err(Rule::CoordinatorsOnly)
        );
    }
}
