-- Milestones cite the sentence that states them, may belong to a passage of chapter 1 instead of an initiative
-- page, say whether the report tells of them as done or planned, and keep every period their wording states.
-- Targets keep whether their period is approximate (「2023年中を目途」); comparisons keep a printed baseline value.
ALTER TABLE milestone ALTER COLUMN initiative_id DROP NOT NULL;
ALTER TABLE milestone ADD COLUMN report_section_id integer REFERENCES report_section (id);
ALTER TABLE milestone ADD COLUMN status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done'));
-- Every period of the wording, in printed order: [{"text", "start", "end", "approximate"}]; the first is `period_*`.
ALTER TABLE milestone ADD COLUMN periods jsonb NOT NULL DEFAULT '[]';
-- The fiscal years the periods end in: a milestone is due in each (「1,100件（2023年度）、1,560件（2024年度）」).
ALTER TABLE milestone ADD COLUMN fiscal_years integer[] NOT NULL DEFAULT '{}';
ALTER TABLE milestone ADD COLUMN citation_id integer REFERENCES citation (id);
ALTER TABLE milestone ADD CONSTRAINT milestone_one_parent CHECK (num_nonnulls(initiative_id, report_section_id) = 1);
ALTER TABLE milestone ADD CONSTRAINT milestone_report_section_position UNIQUE (report_section_id, position);
CREATE INDEX milestone_report_section_id ON milestone (report_section_id);
CREATE INDEX milestone_fiscal_years ON milestone USING gin (fiscal_years);

ALTER TABLE target ADD COLUMN approximate boolean NOT NULL DEFAULT false;

-- 「85%から91%へ」: the earlier value as printed; kind `change` says the value is the later one, no difference.
ALTER TABLE comparison ADD COLUMN baseline_value numeric;
ALTER TABLE comparison DROP CONSTRAINT comparison_kind_check;
ALTER TABLE comparison ADD CONSTRAINT comparison_kind_check
    CHECK (kind IN ('ratio', 'difference', 'percent_point', 'percent_change', 'change'));
