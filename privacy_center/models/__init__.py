"""SQLModel tables. Importing this package registers every table on ``SQLModel.metadata``."""

from privacy_center.models.policy import PolicyAcknowledgment, PolicyDocument
from privacy_center.models.user import User

__all__ = ["PolicyAcknowledgment", "PolicyDocument", "User"]
