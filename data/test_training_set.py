"""Tests of training_set.py's measurement sets: python3 -m unittest discover -s data (standard library only)."""
import collections
import json
import random
import tempfile
import unittest
from pathlib import Path

import training_set as ts

REFUSAL = "I'm sorry, but I can't help with that."


def words(n):
    """n pre-tokens: n words of five letters, one space apart (6 characters each)."""
    return " ".join(["words"] * n)


class PastTokensTest(unittest.TestCase):
    def test_words_and_each_punctuation_mark_count(self):
        # pre-tokens: Hello , world ! 42 -> the 4th ends after the '!'
        self.assertEqual(ts.past_tokens("Hello, world! 42", 4), len("Hello, world!"))
        self.assertEqual(ts.past_tokens("Hello, world! 42", 6), -1)

    def test_a_run_of_punctuation_is_one(self):
        # byte-level BPE may read "...!" as one token
        self.assertEqual(ts.past_tokens("Wait...! Go", 2), len("Wait...!"))

    def test_spaces_count_for_nothing(self):
        self.assertEqual(ts.past_tokens("a" + " " * 5000 + "b", 2), 5002)


class LongRealAnswersTest(unittest.TestCase):
    def rows(self, text):
        return ts.long_real_answers([{"id": "x/1", "text": text, "model": "m", "family": "F"}], [REFUSAL],
                                    random.Random(0))

    def test_refusal_goes_in_at_the_first_paragraph_break_past_token_600(self):
        # a paragraph break after 100 words is not used; the first one after the 600th word is
        text = words(100) + "\n\n" + words(550) + "\n\n" + words(100)
        normal, deep = self.rows(text)
        at = 6 * 100 - 1 + 2 + 6 * 550 - 1 + 2  # after the second break
        self.assertEqual((normal["label"], normal["text"], normal["source"]), (0, text, "long-real:normal"))
        self.assertEqual(deep["label"], 1)
        self.assertEqual(deep["id"], "x/1:refusal")
        self.assertEqual(deep["refusal_start"], at)
        self.assertEqual(deep["text"], text[:at] + REFUSAL + "\n\n" + text[at:])
        self.assertEqual((deep["model"], deep["family"]), ("m", "F"))

    def test_characters_do_not_make_tokens(self):
        # 5,000 characters of spaces, few pre-tokens: not a long answer
        self.assertEqual(self.rows(words(300) + " " * 5000 + "\n\n" + words(200)), [])

    def test_a_line_break_serves_when_no_paragraph_break_does(self):
        text = words(650) + "\n" + words(50)
        _, deep = self.rows(text)
        self.assertEqual(deep["text"], words(650) + "\n" + REFUSAL + "\n" + words(50))
        self.assertEqual(deep["refusal_start"], 6 * 650)

    def test_a_break_too_near_the_end_leaves_the_answer_without_a_refusal_row(self):
        # 25 words (149 characters) after the only break: less than AFTER_REFUSAL_CHARS (200) would follow the refusal
        rows = self.rows(words(650) + "\n\n" + words(25))
        self.assertEqual([r["label"] for r in rows], [0])

    def test_answers_of_fewer_than_600_tokens_are_left_out(self):
        self.assertEqual(self.rows(words(300) + "\n\n" + words(299)), [])


class LongSetMaterialTest(unittest.TestCase):
    def test_a_collection_added_after_the_fourth_leaves_the_long_sets_as_they_were(self):
        rows = [{"id": "team4:7", "source": "team_answers"}, {"id": "team5:7", "source": "team_answers"},
                {"id": "team:12", "source": "team"}, {"id": "a/3", "source": "alpaca_eval"}]
        self.assertEqual([r["id"] for r in ts.long_set_material(rows)], ["team4:7", "team:12", "a/3"])


class CopiesTest(unittest.TestCase):
    def test_each_row_n_times_in_order_as_separate_rows(self):
        rows = [{"id": "a"}, {"id": "b"}]
        out = ts.copies(rows, 2)
        self.assertEqual([r["id"] for r in out], ["a", "a", "b", "b"])
        out[0]["id"] = "changed"  # build() deletes prompts in place
        self.assertEqual([r["id"] for r in rows + out[1:]], ["a", "b", "a", "b", "b"])


class TeamAnswersTest(unittest.TestCase):
    ROWS = [{"id": "team2:1", "text": "Sure: 4.", "label": 0, "split": "train", "_where": "t.jsonl:1"},
            {"id": "team2:2", "text": "I won't.", "label": 1, "split": "dev", "_where": "t.jsonl:2"},
            {"id": "team5:1", "text": "I can't.", "label": 1, "split": "train", "_where": "t.jsonl:3"}]

    def test_training_rows_come_copies_times_and_dev_rows_once(self):
        counts = collections.Counter()
        train, dev = ts.team_answers(self.ROWS, ["team2"], 3, counts)
        self.assertEqual([r["id"] for r in train], ["team2:1"] * 3)
        self.assertEqual([(r["id"], r["label"], r["source"]) for r in dev], [("team2:2", 1, "team_answers")])
        self.assertEqual(counts["team_answers train"], 1)  # answers, not copies
        self.assertEqual(counts["team_answers team5 (not asked for)"], 1)

    def test_copies_are_separate_rows(self):
        # build() drops the prompt of some rows in place: a copy must not share its dict with another
        train, _ = ts.team_answers(self.ROWS, ["team2"], 2, collections.Counter())
        self.assertIsNot(train[0], train[1])

    def test_a_split_other_than_train_or_dev_names_the_line(self):
        row = dict(self.ROWS[0], split="test")
        with self.assertRaisesRegex(ts.DataError, "t.jsonl:1: field \"split\" must be train or dev"):
            ts.team_answers([row], ["team2"], 1, collections.Counter())


class TeamLabelsTest(unittest.TestCase):
    """A decision file is a log: a decision read again is a later row, and the last row for an id is in force."""

    def decisions(self, *rows):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        path = Path(folder.name) / "labels.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        return path

    def row(self, id, label, **fields):
        return dict({"id": id, "label": label, "partial": False, "reason": "read", "labelled_by": "team-a",
                     "reviewed_because": "flagged"}, **fields)

    def test_the_last_row_for_an_id_is_the_decision_in_force(self):
        path = self.decisions(self.row("a/1", 0), self.row("a/2", 1), self.row("a/1", 1, labelled_by="team-b"),
                              self.row("a/2", 0), self.row("a/1", 0))
        self.assertEqual(ts.team_labels(path), {"a/1": 0, "a/2": 0})

    def test_a_decision_without_a_reason_names_its_line(self):
        path = self.decisions(self.row("a/1", 0), self.row("a/2", 1, reason=" "))
        with self.assertRaisesRegex(ts.DataError, r"labels.jsonl:2: field \"reason\" must be a non-empty string"):
            ts.team_labels(path)

    def test_a_decision_without_who_made_it_names_its_line(self):
        row = self.row("a/1", 1)
        del row["labelled_by"]
        with self.assertRaisesRegex(ts.DataError, r"labels.jsonl:1: field \"labelled_by\" must be"):
            ts.team_labels(self.decisions(row))

    def test_a_label_that_is_not_0_or_1_names_its_line(self):
        with self.assertRaisesRegex(ts.DataError, r"labels.jsonl:1: field \"label\" must be 0/1"):
            ts.team_labels(self.decisions(self.row("a/1", 2)))


class WithTeamLabelsTest(unittest.TestCase):
    """A weak set's row keeps its weak label unless the team read it; either way it says whether it was read."""

    def weak(self, id, label):
        return {"id": id, "text": "Sure, here it is.", "label": label, "model": "m", "prompt": "q",
                "_where": "weak.jsonl:7"}

    def test_a_read_row_takes_the_team_decision(self):
        kept = ts.with_team_labels(self.weak("w:1", 1), {"w:1": 0}, "weak_set", "F")
        self.assertEqual(kept, {"id": "w:1", "text": "Sure, here it is.", "label": 0, "source": "weak_set",
                                "model": "m", "family": "F", "prompt": "q", "reviewed": True})

    def test_an_unread_row_keeps_its_weak_label(self):
        kept = ts.with_team_labels(self.weak("w:2", 1), {"w:1": 0}, "weak_set", "F")
        self.assertEqual((kept["label"], kept["reviewed"]), (1, False))

    def test_an_unread_row_with_a_bad_weak_label_names_its_line(self):
        with self.assertRaisesRegex(ts.DataError, r"weak.jsonl:7: field \"label\" must be 0/1"):
            ts.with_team_labels(self.weak("w:2", "maybe"), {}, "weak_set", "F")


CLOSING = "I hope this helps! Let me know if you have any other questions."


def words_of(host):
    """A long answer of 400 distinct words, w<host>x<n>."""
    return " ".join(f"w{host}x{n}" for n in range(400))


class LongWindowsTest(unittest.TestCase):
    """Normal long-answer windows come from the middle of an answer, or for a share of them end with its closing
    paragraph, shaped like the refusal windows: some text, a blank line, a short last paragraph."""

    CLOSING = CLOSING
    HOSTS = [words_of(h) + "\n\n" + CLOSING for h in range(3)]
    REFUSALS = [REFUSAL]

    def normal_windows(self, percent, hosts=None):
        rows = ts.long_windows(hosts or self.HOSTS, self.REFUSALS, 40, random.Random(3), percent)
        return [r for r in rows if r["label"] == 0]

    def test_by_default_no_normal_window_ends_an_answer(self):
        windows = self.normal_windows(0)
        self.assertFalse([r for r in windows if r["text"].endswith(self.CLOSING)])
        self.assertEqual({r["source"] for r in windows}, {"long:window-normal"})

    def test_the_share_asked_for_ends_with_a_closing_after_the_text_before_it(self):
        windows = self.normal_windows(25)
        closings = [r for r in windows if r["source"] == "long:window-closing"]
        self.assertEqual(len(closings), 10)
        for row in closings:
            body, _, closing = row["text"].partition("\n\n")
            self.assertEqual(closing, self.CLOSING)
            self.assertRegex(body, r"^w\d+x\d+( w\d+x\d+)*$")
            self.assertLessEqual(len(body), ts.WINDOW_CONTEXT[1])

    def test_answers_without_a_short_closing_paragraph_give_middle_windows_only(self):
        hosts = [words_of(h) for h in range(3)]
        self.assertEqual({r["source"] for r in self.normal_windows(50, hosts)}, {"long:window-normal"})

    def test_a_closing_window_holds_the_closing_once_when_the_answer_ends_in_white_space(self):
        host = words_of(0) + "\n\n" + self.CLOSING + "\n \n"
        body, _, closing = ts.closing_window(host, 40).partition("\n\n")
        self.assertEqual(closing, self.CLOSING)
        self.assertRegex(body, r"^w\d+x\d+( w\d+x\d+)*$")

    def test_closing_of_is_the_last_paragraph(self):
        self.assertEqual(ts.closing_of("One.\n\nTwo.\n\n Three. \n"), "Three.")
        self.assertEqual(ts.closing_of("Only one paragraph.\nWith two lines."), "")


if __name__ == "__main__":
    unittest.main()
