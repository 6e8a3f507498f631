"""Kinds of documents that speak for themselves ("a new poll shows", "the report found").

Plain word sets, shared by extraction (which documents are sources of their own, what they say)
and resolution (which schema.org type a document node gets). General English, no article's words.
"""

from __future__ import annotations

# Findings that measure something: what they say is a report of it (act nkg:Report).
MEASUREMENTS = frozenset({
    "poll", "polling", "survey", "study", "report", "analysis", "data", "finding", "result", "research", "review",
    "audit", "estimate", "forecast", "projection", "census", "tally", "count", "average", "index", "assessment",
})
# Inquiries: their findings too are reports.
INQUIRIES = frozenset({"investigation", "inquiry", "probe"})
# Legal and official records: they speak for themselves, with acts of their own words.
RECORDS = frozenset({"ruling", "verdict", "indictment", "lawsuit", "suit", "complaint", "filing", "affidavit",
                     "testimony", "transcript", "record", "document"})
# Documents whose words are their own findings, whoever issued them: "a Harbor Institute poll
# shows" is the poll speaking, not the institute; "the report found" is the report.
FINDINGS = MEASUREMENTS | INQUIRIES | RECORDS
# Findings that are reports: what they say is what they measured or found ("Poll: ...", "In the new survey, ...").
REPORTS = MEASUREMENTS | INQUIRIES
# What someone writes: a letter or a post speaks for whoever wrote it when the article says who.
MESSAGES = frozenset({"letter", "memo", "email", "e-mail", "note", "message", "tweet", "post", "statement",
                      "release", "update", "reply", "response", "comment", "remark"})
# schema.org's more specific type of a speaking document, by its head noun.
DOCUMENT_TYPES = {**dict.fromkeys(REPORTS, "Report"), **dict.fromkeys(MESSAGES, "Message")}
