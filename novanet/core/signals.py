"""Domain events. Services send them only after their transaction has committed.

Receivers (realtime, notifications, search, activity) connect in their feature's init_app.
Every signal's sender is the app-level name of the feature that sent it; keyword arguments
carry ids and objects. Add new signals here so one file lists everything that can happen.
"""

from blinker import Namespace

_ns = Namespace()

# accounts
user_registered = _ns.signal("user-registered")
user_updated = _ns.signal("user-updated")
user_deleted = _ns.signal("user-deleted")
user_suspended = _ns.signal("user-suspended")
sessions_ended = _ns.signal("sessions-ended")  # session_keys=[...] : disconnect their sockets
followed = _ns.signal("followed")

# groups
group_created = _ns.signal("group-created")
group_updated = _ns.signal("group-updated")
group_deleted = _ns.signal("group-deleted")
member_joined = _ns.signal("member-joined")
member_left = _ns.signal("member-left")  # also removal and ban: user stops seeing the group
membership_requested = _ns.signal("membership-requested")
membership_decided = _ns.signal("membership-decided")
member_invited = _ns.signal("member-invited")
member_role_changed = _ns.signal("member-role-changed")

# debates
debate_created = _ns.signal("debate-created")
debate_updated = _ns.signal("debate-updated")
post_created = _ns.signal("post-created")
post_updated = _ns.signal("post-updated")
post_deleted = _ns.signal("post-deleted")
reactions_changed = _ns.signal("reactions-changed")

# blogs
blog_post_published = _ns.signal("blog-post-published")
blog_post_updated = _ns.signal("blog-post-updated")
blog_post_deleted = _ns.signal("blog-post-deleted")
comment_created = _ns.signal("comment-created")

# wiki
wiki_page_saved = _ns.signal("wiki-page-saved")
wiki_page_deleted = _ns.signal("wiki-page-deleted")

# events
event_created = _ns.signal("event-created")
event_updated = _ns.signal("event-updated")
event_cancelled = _ns.signal("event-cancelled")
rsvp_changed = _ns.signal("rsvp-changed")
waitlist_promoted = _ns.signal("waitlist-promoted")
event_announced = _ns.signal("event-announced")

# moderation
report_created = _ns.signal("report-created")
report_resolved = _ns.signal("report-resolved")

# search index upkeep: kind ("debate", "blog_post", …) and id of what changed or went away
content_changed = _ns.signal("content-changed")
content_removed = _ns.signal("content-removed")

# networking
notification_created = _ns.signal("notification-created")
message_sent = _ns.signal("message-sent")
