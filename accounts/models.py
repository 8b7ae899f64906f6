from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import ROLE_CAPABILITIES, Role
from areas.models import Area
from areas.selectors import predecessors


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @cached_property
    def assignments(self) -> list["RoleAssignment"]:
        return list(self.role_assignments.select_related("area"))

    @cached_property
    def scope_paths(self) -> list[str]:
        """Path prefixes of everything this user may read: the subtrees of the areas their roles are
        held over, and of the areas those succeeded (an officer of a new ward reads the history of the
        communes merged into it). A superuser's scope is the whole map ([""] matches every path)."""
        if self.is_superuser:
            return [""]
        paths = set()
        for assignment in self.assignments:
            paths.add(assignment.area.path)
            paths.update(area.path for area in predecessors(assignment.area))
        return sorted(paths)

    def roles_over(self, area: Area) -> set[str]:
        """The roles this user holds over `area` (held on it or on one of its ancestors)."""
        return {a.role for a in self.assignments if area.path.startswith(a.area.path)}

    def can(self, capability: str, area: Area) -> bool:
        """Whether the user may do `capability` on `area`. Writing is only ever on today's map: the
        history of former areas is read-only."""
        if self.is_superuser:
            return True
        if not area.is_current:
            return False
        return any(capability in ROLE_CAPABILITIES[role] for role in self.roles_over(area))

    def can_anywhere(self, capability: str) -> bool:
        """Whether some area exists where the user may do `capability` (to show or hide a menu)."""
        return self.is_superuser or any(self.can(capability, a.area) for a in self.assignments)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="role_assignments")
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["area__path", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "role", "area"], name="role_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.area}"
