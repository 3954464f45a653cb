from django.http import Http404

from api.models import ApiToken


def user_tokens(user):
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def token_get_for_user(user, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 for anyone else's."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token
