"""The griffie's daily tool: registering papers, motions and commitments, and closing them.

One module per part of the domain, mirroring `commitments.models`; every write that has a
rule (closing, deadlines, a motion's course, the recess calendar) goes through the services.
"""

from . import calendar, commitments, motions, opendata, papers, people

__all__ = ["calendar", "commitments", "motions", "opendata", "papers", "people"]
