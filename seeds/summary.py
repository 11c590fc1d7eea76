"""What `hiraku data check` reports about a valid report: how much it holds, and how many periods were read."""

from __future__ import annotations

from seeds.milestones import report_milestones
from seeds.report import Report


def check_report(report: Report) -> dict[str, int]:
    """Counts of a report that read_report has validated (slugs, references, sums, sources and dates)."""
    milestones = report_milestones(report)
    dated = [m for m in milestones if any(p.start or p.end for p in m.periods)]
    return {
        "focus areas": len(report.focus_areas),
        "initiatives": len(report.initiatives),
        "policy goals": len(report.policy_goals),
        "priority-plan items": len(report.priority_plan),
        "metrics": len(report.metrics),
        "observations": sum(len(m.observations) for m in report.metrics),
        "comparisons": sum(len(m.comparisons) for m in report.metrics),
        "targets": sum(len(m.targets) for m in report.metrics),
        "milestones": len(milestones),
        "milestones with a period": len(dated),
        "catalogues": len(report.catalogs),
        "catalogue entries": sum(len(c.entries) for c in report.catalogs),
    }
