//! What a motion may be about, and when. The counting itself is in [`super::voting`].

use super::Rule;
use super::fields::{CommitteeKind, choice};

choice!(MotionKind, "kind" {
    Decision = "decision",
    AdoptDemand = "adopt_demand",
    AmendDemand = "amend_demand",
    ElectDelegates = "elect_delegates",
    Recall = "recall",
    EndorseDemand = "endorse_demand",
});

choice!(
    /// Open ballots show who voted how and can be changed while the motion is open. Secret
    /// ballots are cast once and cannot be linked to their voter.
    BallotKind, "ballot" { Open = "open", Secret = "secret" }
);

choice!(DemandStatus, "status" { Draft = "draft", Adopted = "adopted" });

/// How the demand a motion names relates to the committee moving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemandRelation {
    /// The committee's own demand.
    Own(DemandStatus),
    /// A demand of a council this committee belongs to, at any depth.
    OfCouncilAbove(DemandStatus),
    /// Anything else: another committee's, or a council this committee is not part of.
    Unrelated,
}

/// May a motion of `kind` name this demand?
pub fn check_demand(kind: MotionKind, demand: DemandRelation) -> Result<(), Rule> {
    use DemandRelation::*;
    use DemandStatus::*;
    match (kind, demand) {
        (MotionKind::AdoptDemand, Own(Draft)) => Ok(()),
        (MotionKind::AdoptDemand, Own(Adopted)) => Err(Rule::DemandAlreadyAdopted),
        (MotionKind::AmendDemand, Own(_)) => Ok(()),
        (MotionKind::EndorseDemand, OfCouncilAbove(Adopted)) => Ok(()),
        (MotionKind::EndorseDemand, OfCouncilAbove(Draft)) => Err(Rule::DemandNotAdopted),
        // A demand the committee has nothing to do with is hidden from it.
        _ => Err(Rule::Hidden),
    }
}

/// Weighted votes weigh delegates by the workers they represent, so only councils have them.
pub fn check_weighted(weighted: bool, kind: CommitteeKind) -> Result<(), Rule> {
    if weighted && kind != CommitteeKind::Council {
        return Err(Rule::WeightedNeedsCouncil);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demands_move_through_their_states() {
        use DemandRelation::*;
        use DemandStatus::*;
        assert_eq!(check_demand(MotionKind::AdoptDemand, Own(Draft)), Ok(()));
        assert_eq!(
            check_demand(MotionKind::AdoptDemand, Own(Adopted)),
            Err(Rule::DemandAlreadyAdopted)
        );
        assert_eq!(check_demand(MotionKind::AmendDemand, Own(Adopted)), Ok(()));
        assert_eq!(
            check_demand(MotionKind::EndorseDemand, OfCouncilAbove(Adopted)),
            Ok(())
        );
        assert_eq!(
            check_demand(MotionKind::EndorseDemand, OfCouncilAbove(Draft)),
            Err(Rule::DemandNotAdopted)
        );
        assert_eq!(
            check_demand(MotionKind::EndorseDemand, Own(Adopted)),
            Err(Rule::Hidden)
        );
        assert_eq!(
            check_demand(MotionKind::AdoptDemand, OfCouncilAbove(Draft)),
            Err(Rule::Hidden)
        );
        assert_eq!(
            check_demand(MotionKind::AmendDemand, Unrelated),
            Err(Rule::Hidden)
        );
        assert_eq!(
            check_weighted(true, CommitteeKind::Workplace),
            Err(Rule::WeightedNeedsCouncil)
        );
        assert_eq!(check_weighted(true, CommitteeKind::Council), Ok(()));
    }
}
