"""A due date missed stays missed: a move after the date keeps the breach on record, a move before it is the
renegotiation ictrack wants more of. Through the CLI, with pinned clocks on Monday 23 November (London)."""

import pytest


@pytest.fixture
def due_at_ten(cli):
    """1 "send figures" to @dana, due Mon 23 Nov 10:00."""
    assert cli("add", "@dana send figures by 10am", now="2026-11-23T08:00").code == 0
    return cli


def test_a_move_after_the_due_date_is_recorded_with_when_it_was_made_and_the_date_it_left(due_at_ten):
    assert due_at_ten("move", "1", "2pm", now="2026-11-23T12:00").code == 0
    (move,) = due_at_ten("show", "1", "--json").json()["moves"]
    assert (move["at"], move["from"], move["to"]) == (
        "2026-11-23T12:00:00+00:00", "2026-11-23T10:00:00+00:00", "2026-11-23T14:00:00+00:00")  # fmt: skip


def test_moving_an_overdue_item_says_the_miss_stays_on_record(due_at_ten):
    result = due_at_ten("move", "1", "2pm", now="2026-11-23T12:00")
    assert result.out == "Moved 1: send figures, now due Mon 23 Nov 14:00 (in 2 hours)\n"
    assert result.err == ("ictrack: note: 1 was due Mon 23 Nov 10:00: moved 2 hours after it was due. The miss stays "
                          "on record: its delivery counts as late.\n")  # fmt: skip


def test_moving_an_overdue_item_with_json_keeps_stdout_json_and_notes_the_miss_on_stderr(due_at_ten):
    result = due_at_ten("move", "1", "2pm", "--json", now="2026-11-23T12:00")
    assert result.json()["due"] == "2026-11-23T14:00:00+00:00"
    assert result.err.startswith("ictrack: note: 1 was due Mon 23 Nov 10:00: moved 2 hours after it was due.")


def test_show_says_the_move_came_after_the_due_date_and_which_date_was_missed(due_at_ten):
    due_at_ten("move", "1", "2pm", "--reason", "figures late from finance", now="2026-11-23T12:00")
    text = due_at_ten("show", "1", now="2026-11-23T12:30").out
    assert ("Mon 23 Nov 12:00  moved from Mon 23 Nov 10:00 to Mon 23 Nov 14:00, 2 hours after it was due "
            "(figures late from finance)") in text  # fmt: skip
    assert "  missed    Mon 23 Nov 10:00: moved only after it was due, so the delivery counts as late against it\n" in (
        text
    )


def test_a_delivery_after_a_late_move_is_late_even_before_its_new_date(due_at_ten):
    """Due 10:00, moved at 12:00 to 14:00, done at 13:00: late, against 10:00."""
    due_at_ten("move", "1", "2pm", now="2026-11-23T12:00")
    done = due_at_ten("done", "1", now="2026-11-23T13:00")
    assert done.out == "Done 1: send figures — late (against Mon 23 Nov 10:00, the date missed before it was moved)\n"
    (row,) = due_at_ten("people", "--json", now="2026-11-23T13:00").json()
    assert (row["on_time_rate"], row["renegotiated_in_time"], row["moved_after_date"]) == (0.0, 0, 1)


def test_a_move_before_the_due_date_is_renegotiated_in_time_and_the_delivery_on_time(due_at_ten):
    moved = due_at_ten("move", "1", "2pm", now="2026-11-23T09:30")
    assert (moved.out, moved.err) == ("Moved 1: send figures, now due Mon 23 Nov 14:00 (in 5 hours)\n", "")
    assert "after it was due" not in due_at_ten("show", "1", now="2026-11-23T09:30").out
    assert due_at_ten("done", "1", now="2026-11-23T13:00").out == "Done 1: send figures — on time\n"
    (row,) = due_at_ten("people", "--json", now="2026-11-23T13:00").json()
    assert (row["on_time_rate"], row["renegotiated_in_time"], row["moved_after_date"]) == (1.0, 1, 0)
    assert due_at_ten("person", "dana", now="2026-11-23T13:00").out.startswith(
        "@dana — colleague; on time 100%; renegotiated 1 in time, moved 0 after the date\n"
    )


def test_a_later_move_in_time_does_not_clear_an_earlier_miss(due_at_ten):
    due_at_ten("move", "1", "2pm", now="2026-11-23T12:00")  # 2 hours late
    again = due_at_ten("move", "1", "4pm", now="2026-11-23T13:30")  # before 14:00: in time, but 10:00 was missed
    assert again.err == ("ictrack: note: 1 missed Mon 23 Nov 10:00 before an earlier move; its delivery counts as "
                         "late against that date.\n")  # fmt: skip
    assert due_at_ten("done", "1", now="2026-11-23T15:00").out.startswith("Done 1: send figures — late")
    (row,) = due_at_ten("people", "--json", now="2026-11-23T15:00").json()
    assert (row["renegotiated_in_time"], row["moved_after_date"]) == (1, 1)


def test_a_second_miss_is_held_to_the_first_date_missed(due_at_ten):
    due_at_ten("move", "1", "2pm", now="2026-11-23T12:00")
    again = due_at_ten("move", "1", "5pm", now="2026-11-23T15:00")  # 14:00 missed too
    assert again.err == ("ictrack: note: 1 was due Mon 23 Nov 14:00: moved 1 hour after it was due. The miss stays "
                         "on record: its delivery counts as late against Mon 23 Nov 10:00, the first date it "
                         "missed.\n")  # fmt: skip
    assert "(against Mon 23 Nov 10:00," in due_at_ten("done", "1", now="2026-11-23T16:00").out


def test_a_delivery_dated_back_before_the_missed_date_is_on_time(due_at_ten):
    due_at_ten("move", "1", "2pm", now="2026-11-23T12:00")
    assert due_at_ten("done", "1", "--at", "9:30am", now="2026-11-23T12:05").out == "Done 1: send figures — on time\n"


def test_a_move_at_the_very_moment_it_falls_due_is_still_in_time(due_at_ten):
    assert due_at_ten("move", "1", "2pm", now="2026-11-23T10:00").err == ""
    assert due_at_ten("done", "1", now="2026-11-23T13:00").out == "Done 1: send figures — on time\n"


def test_an_edit_of_a_due_date_already_past_is_kept_as_a_move_after_the_date(due_at_ten):
    assert due_at_ten("edit", "1", "--due", "2pm", now="2026-11-23T12:00").code == 0
    (move,) = due_at_ten("show", "1", "--json").json()["moves"]
    assert (move["at"], move["from"], move["to"], move["reason"]) == (
        "2026-11-23T12:00:00+00:00", "2026-11-23T10:00:00+00:00", "2026-11-23T14:00:00+00:00",
        "changed with edit")  # fmt: skip
    assert due_at_ten("done", "1", now="2026-11-23T13:00").out.startswith("Done 1: send figures — late")


def test_a_late_delivery_stays_late_when_its_due_date_is_edited_afterwards(due_at_ten):
    due_at_ten("done", "1", now="2026-11-23T11:00")
    due_at_ten("edit", "1", "--due", "noon", now="2026-11-23T12:30")
    (row,) = due_at_ten("people", "--json", now="2026-11-23T13:00").json()
    assert (row["on_time_rate"], row["moved_after_date"]) == (0.0, 1)


def test_an_edit_of_a_due_date_still_ahead_is_a_correction_with_no_move(due_at_ten):
    assert due_at_ten("edit", "1", "--due", "2pm", now="2026-11-23T09:00").code == 0
    assert due_at_ten("show", "1", "--json").json()["moves"] == []
