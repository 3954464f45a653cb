from public import ratelimit


def test_a_client_is_stopped_after_its_allowance_and_let_in_again_next_window(settings, db):
    settings.QM_PUBLIC_RATE_LIMITS = {"vote": (3, 60)}
    results = [ratelimit.hit("vote", "10.0.0.1", now=120.0) for _ in range(4)]
    assert results == [True, True, True, False]
    # Another client is counted on its own.
    assert ratelimit.hit("vote", "10.0.0.2", now=120.0)
    # The next window starts afresh.
    assert ratelimit.hit("vote", "10.0.0.1", now=180.0)


def test_counters_of_windows_that_are_over_are_pruned(settings, db):
    from core import ratelimit as counters
    from core.models import RateCounter

    settings.QM_PUBLIC_RATE_LIMITS = {"vote": (3, 60)}
    ratelimit.hit("vote", "10.0.0.1", now=120.0)
    ratelimit.hit("vote", "10.0.0.1", now=180.0)
    assert counters.prune(now=185.0) == 1
    assert RateCounter.objects.get().hits == 1
    # The window still running keeps counting where it was.
    assert [ratelimit.hit("vote", "10.0.0.1", now=200.0) for _ in range(3)] == [True, True, False]


def test_masking_keeps_only_what_identifies_a_row():
    from public.masking import mask_name, mask_phone

    assert mask_phone("13812341234") == "138****1234"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧**娜"
