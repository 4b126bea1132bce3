-- Search index version 3: Kazakh words carry a folded term (Kazakh typed
-- without Kazakh letters: қ→к, ө→о …). Emptying the index makes Open rebuild
-- it from the stored models (ensureSearchIndex), once, on the first start
-- after the upgrade.
DELETE FROM search_postings;
DELETE FROM search_docs;
DELETE FROM search_vocab;
UPDATE search_stats SET docs = 0, length = 0 WHERE id = 1;
