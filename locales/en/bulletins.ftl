# Bulletins: reports committees and councils publish to their members or the network.

notification-bulletin-published = { $committee } published a bulletin: { $title }
