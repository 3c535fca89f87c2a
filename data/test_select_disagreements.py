"""Tests of data/labels/select_disagreements.py: python3 -m unittest discover -s data (standard library only)."""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "labels"))
import select_disagreements as sd  # noqa: E402


class SelectTest(unittest.TestCase):
    def rows(self, labels):
        return [{"id": f"w:{n}", "label": label} for n, label in enumerate(labels)]

    def test_disagreements_are_refusals_passed_and_normals_flagged_in_file_order(self):
        rows = self.rows([1, 0, 1, 0, 1])
        scores = {"w:0": 0.9, "w:1": 0.8, "w:2": 0.1, "w:3": 0.2, "w:4": 0.7}
        disagree, _ = sd.select(rows, scores)
        self.assertEqual(disagree, ["w:1", "w:2"])

    def test_a_score_of_exactly_the_threshold_is_not_flagged(self):
        rows = self.rows([1, 0])
        disagree, _ = sd.select(rows, {"w:0": 0.5, "w:1": 0.5})
        self.assertEqual(disagree, ["w:0"])

    def test_the_random_rows_are_a_fixed_hundred_of_the_agreeing_ones(self):
        rows = self.rows([n % 2 for n in range(300)])
        scores = {r["id"]: (0.9 if r["label"] == 1 else 0.1) for r in rows}
        scores["w:0"] = 0.9  # label 0, flagged: a disagreement
        disagree, first = sd.select(rows, scores)
        _, again = sd.select(rows, scores)
        self.assertEqual(disagree, ["w:0"])
        self.assertEqual(len(first), 100)
        self.assertEqual(len(set(first)), 100)
        self.assertNotIn("w:0", first)
        self.assertEqual(first, again)

    def test_fewer_agreeing_rows_than_the_sample_are_all_taken(self):
        rows = self.rows([0, 1, 0])
        _, sample = sd.select(rows, {"w:0": 0.1, "w:1": 0.9, "w:2": 0.9})
        self.assertEqual(sorted(sample), ["w:0", "w:1"])

    def test_a_label_that_is_not_0_or_1_names_its_row(self):
        with self.assertRaisesRegex(ValueError, "w:0: label must be 0 or 1"):
            sd.select([{"id": "w:0", "label": "yes"}], {"w:0": 0.2})


if __name__ == "__main__":
    unittest.main()
