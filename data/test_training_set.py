"""Tests of training_set.py's measurement sets: python3 -m unittest discover -s data (standard library only)."""
import random
import unittest

import training_set as ts

REFUSAL = "I'm sorry, but I can't help with that."


def answer(before, brk, after):
    """An answer of `before` characters of prose, the break, then `after` characters of prose."""
    return "a" * before + brk + "b" * after


class LongRealAnswersTest(unittest.TestCase):
    def rows(self, text):
        return ts.long_real_answers([{"id": "x/1", "text": text, "model": "m", "family": "F"}], [REFUSAL],
                                    random.Random(0))

    def test_refusal_goes_in_at_the_first_paragraph_break_past_the_depth(self):
        # a paragraph break before the depth is not used; the first one past it is
        text = "a" * 1000 + "\n\n" + answer(3000, "\n\n", 500) + "\n\n" + "c" * 300
        normal, deep = self.rows(text)
        at = 1000 + 2 + 3000 + 2  # after the break past 3,200 characters
        self.assertEqual((normal["label"], normal["text"], normal["source"]), (0, text, "long-real:normal"))
        self.assertEqual(deep["label"], 1)
        self.assertEqual(deep["id"], "x/1:refusal")
        self.assertEqual(deep["refusal_start"], at)
        self.assertEqual(deep["text"], text[:at] + REFUSAL + "\n\n" + text[at:])
        self.assertEqual((deep["model"], deep["family"]), ("m", "F"))

    def test_a_line_break_serves_when_no_paragraph_break_does(self):
        text = answer(3300, "\n", 400)
        _, deep = self.rows(text)
        self.assertEqual(deep["text"], "a" * 3300 + "\n" + REFUSAL + "\n" + "b" * 400)
        self.assertEqual(deep["refusal_start"], 3301)

    def test_a_break_too_near_the_end_leaves_the_answer_without_a_refusal_row(self):
        # 150 characters after the only break: less than AFTER_REFUSAL_CHARS (200) of answer would follow the refusal
        rows = self.rows(answer(3300, "\n\n", 150))
        self.assertEqual([r["label"] for r in rows], [0])

    def test_short_answers_are_left_out(self):
        self.assertEqual(self.rows(answer(2000, "\n\n", 1000)), [])


if __name__ == "__main__":
    unittest.main()
