-- The newest run, when it was aborted (its process died) with its rollback stored and no later
-- apply has dealt with it yet: the next apply decides whether to undo its committed steps.
SELECT h.id, h.plan_name, h.rollback_plan
FROM reconcile.history h
WHERE h.id = (SELECT max(id) FROM reconcile.history)
  AND h.status = 'aborted' AND h.rollback_plan IS NOT NULL AND h.recovery IS NULL;
