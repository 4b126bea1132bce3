-- The head of a recognition centre, who signs its certificates
-- (recognition.Head as JSON), and the head as printed on each certificate,
-- copied at issue like the centre's name. Same in both databases.
ALTER TABLE recognition_centres ADD COLUMN head TEXT NOT NULL DEFAULT '{}';
ALTER TABLE certificates ADD COLUMN centre_head TEXT NOT NULL DEFAULT '{}';
