"""Commands: what a person does to a session, each one write transaction then its broadcasts.

A command is the one place where a change is committed and announced. HTTP views and
socket handlers both call commands, so the same rule holds whichever way a change comes
in, and nobody is told about anything that was not committed. Services
(:mod:`facilitator.services`) hold the rules and only flush; commands commit (through
``db.writing()``) and then call :mod:`facilitator.live.broadcast`.

(Not to be confused with the committee's action items, which are records, not commands.)

- :mod:`facilitator.commands.participant`: post, "me too", withdraw.
- :mod:`facilitator.commands.moderation`: approve, hide, restore, resolve (safety), pin,
  edit, redactions, merge, posts on behalf of the room.
- :mod:`facilitator.commands.sessions`: create and edit a session, open/pause/close, the
  current prompt, support resources.
- :mod:`facilitator.commands.themes`: find a session's themes, review, approve, project.
- :mod:`facilitator.commands.links`: index approved themes for the committee's
  cross-session link suggestions (after each approval, and on request).
"""
