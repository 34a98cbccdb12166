"""SQLModel tables. Importing this package registers every table on ``SQLModel.metadata``."""

from privacy_center.models.app_guideline import AppGuidelineDocument
from privacy_center.models.audit import AuditAction, AuditChainHead, AuditEntry
from privacy_center.models.deletion import AppWebhookSecret, DeletionRequest, DeletionState
from privacy_center.models.events import DailyCount, EventKind, PersonalDataEvent, PersonalValue
from privacy_center.models.jobs import Job, JobOutbox, JobState
from privacy_center.models.mailbox import ChallengeState, MailboxAddress, MailboxChallenge
from privacy_center.models.oauth import (
    AppGrant,
    AuthorizationCode,
    OAuthClient,
    OAuthToken,
    PairwiseSubject,
    SigningKey,
)
from privacy_center.models.policy import PolicyAcknowledgment, PolicyDocument
from privacy_center.models.privacy_settings import PrivacySetting, SettingSource
from privacy_center.models.session import CenterSession, LoginThrottle, ProviderSession
from privacy_center.models.user import InstallationSetting, PlatformAccount, Role, User, UserIdentity

__all__ = [
    "AppGrant",
    "AppGuidelineDocument",
    "AppWebhookSecret",
    "AuditAction",
    "AuditChainHead",
    "AuditEntry",
    "AuthorizationCode",
    "CenterSession",
    "ChallengeState",
    "DailyCount",
    "DeletionRequest",
    "DeletionState",
    "EventKind",
    "InstallationSetting",
    "Job",
    "JobOutbox",
    "JobState",
    "LoginThrottle",
    "MailboxAddress",
    "MailboxChallenge",
    "OAuthClient",
    "OAuthToken",
    "PairwiseSubject",
    "PersonalDataEvent",
    "PersonalValue",
    "PlatformAccount",
    "PolicyAcknowledgment",
    "PolicyDocument",
    "PrivacySetting",
    "ProviderSession",
    "Role",
    "SettingSource",
    "SigningKey",
    "User",
    "UserIdentity",
]
