"""The fixed set of drawn avatars: a shape and a colour, never a photo, so no member is recognisable."""

import secrets

SHAPES = ("leaf", "moon", "star", "wave", "cloud", "sun", "mountain", "flower", "feather", "shell")
COLOURS = ("sage", "sky", "sand", "rose", "lavender", "slate")
AVATARS: tuple[str, ...] = tuple(f"{shape}-{colour}" for shape in SHAPES for colour in COLOURS)


def random_avatar() -> str:
    return secrets.choice(AVATARS)
