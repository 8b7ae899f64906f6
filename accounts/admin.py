from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleAssignment, User

# The admin is a superuser's tool only: staff status alone opens nothing.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    raw_id_fields = ["area", "granted_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "full_name", "phone", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "phone"]
    fieldsets = [*BaseUserAdmin.fieldsets, (_("Contact"), {"fields": ["full_name", "phone"]})]
