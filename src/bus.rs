//! The in-process event bus that carries live events to open pages and streams.
//!
//! Events go to a topic (one account's notifications, one incident's changes, what an
//! account may see, the network); only the streams subscribed to that topic receive them, so
//! publishing costs the number of listeners of the topic, not of the whole server. A topic's
//! channel exists only while someone listens.
//!
//! Several servers sharing one PostgreSQL database need each other's events: that seam is
//! [`Bus::publish`], the one function a relay between servers would feed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use crate::core::Id;
use crate::notifications::Notification;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// Everything addressed to one account.
    Account(Id),
    /// Changes to one incident (confirmations, responders, status), for its open pages.
    Incident(Id),
    /// What one account may see changed: one of its sessions ended (log-out, password
    /// change, deletion), or its memberships changed. Published by the directory once it
    /// knows, so that every open stream of the account checks at once that it may go on
    /// (`web::stream`).
    Access(Id),
    /// The network changed (the directory swapped in a new graph: an affiliation, a
    /// committee, a membership anywhere), for the streams whose right depends on it.
    Network,
}

#[derive(Debug, Clone)]
pub enum Live {
    Notification(Arc<Notification>),
    /// Notifications about this subject were withdrawn (a false alarm): open pages take
    /// them down.
    Retracted(Id),
    /// The subject of the topic changed; listeners read it again.
    Changed,
}

/// How many events a slow listener may fall behind before it misses some. Missed events are
/// never lost: the inbox holds them, and the stream says so.
const CHANNEL_CAPACITY: usize = 64;
/// The same for the topics that only say "check again": one missed is as good as one
/// heard, and an account with an open page holds one such channel besides its own.
const SIGNAL_CAPACITY: usize = 4;

impl Topic {
    fn capacity(self) -> usize {
        match self {
            Topic::Account(_) | Topic::Incident(_) => CHANNEL_CAPACITY,
            Topic::Access(_) | Topic::Network => SIGNAL_CAPACITY,
        }
    }
}

#[derive(Clone, Default)]
pub struct Bus {
    channels: Arc<Mutex<HashMap<Topic, broadcast::Sender<Live>>>>,
}

impl Bus {
    pub fn subscribe(&self, topic: Topic) -> Subscription {
        let mut channels = self.lock();
        let receiver = channels
            .entry(topic)
            .or_insert_with(|| broadcast::channel(topic.capacity()).0)
            .subscribe();
        Subscription {
            receiver,
            topic,
            bus: self.clone(),
        }
    }

    pub fn publish(&self, topic: Topic, event: Live) {
        let sender = self.lock().get(&topic).cloned();
        if let Some(sender) = sender {
            // An error only means the last listener left in the meantime.
            let _ = sender.send(event);
        }
    }

    /// The accounts with an open event stream.
    pub fn listening_accounts(&self) -> Vec<Id> {
        self.lock()
            .keys()
            .filter_map(|topic| match topic {
                Topic::Account(id) => Some(*id),
                Topic::Incident(_) | Topic::Access(_) | Topic::Network => None,
            })
            .collect()
    }

    /// How many topics have listeners (for tests and the health page).
    pub fn topics(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Topic, broadcast::Sender<Live>>> {
        // A panic while holding this lock cannot leave the map inconsistent (every operation
        // is a single insert, get or remove), so a poisoned lock is still usable.
        self.channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A listener on one topic; the topic's channel goes away with its last listener.
pub struct Subscription {
    receiver: broadcast::Receiver<Live>,
    topic: Topic,
    bus: Bus,
}

impl Subscription {
    /// The next event, `Err(n)` if `n` events were missed, or `None` when the bus is gone.
    pub async fn next(&mut self) -> Option<Result<Live, u64>> {
        match self.receiver.recv().await {
            Ok(event) => Some(Ok(event)),
            Err(broadcast::error::RecvError::Lagged(n)) => Some(Err(n)),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut channels = self.bus.lock();
        // Our own receiver is still counted until this function returns.
        if channels
            .get(&self.topic)
            .is_some_and(|sender| sender.receiver_count() <= 1)
        {
            channels.remove(&self.topic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Timestamp;
    use crate::notifications::Notification;

    fn sample(account: Id) -> Live {
        Live::Notification(Arc::new(Notification::sample(account, Timestamp::now())))
    }

    #[tokio::test]
    async fn events_reach_only_their_topic_and_channels_are_cleaned_up() {
        let bus = Bus::default();
        let (a, b) = (Id::random(), Id::random());
        let mut sub_a = bus.subscribe(Topic::Account(a));
        let sub_a2 = bus.subscribe(Topic::Account(a));
        let mut sub_b = bus.subscribe(Topic::Account(b));
        assert_eq!(bus.topics(), 2);

        bus.publish(Topic::Account(a), sample(a));
        assert!(matches!(sub_a.next().await, Some(Ok(Live::Notification(n))) if n.account_id == a));
        assert!(
            tokio::time::timeout(std::time::Duration::from_millis(20), sub_b.next())
                .await
                .is_err()
        );

        drop(sub_a2);
        assert_eq!(bus.topics(), 2);
        drop(sub_a);
        drop(sub_b);
        assert_eq!(bus.topics(), 0);
        // Publishing to nobody is fine.
        bus.publish(Topic::Account(a), sample(a));
    }
}
