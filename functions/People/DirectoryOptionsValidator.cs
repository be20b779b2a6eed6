using Microsoft.Extensions.Options;

namespace Workflows.Functions.People;

/// <summary>Checks the directory settings; each message names the setting.</summary>
internal sealed class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectoryOptions options)
    {
        if (options.Source != DirectorySource.Graph)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (options.GroupRoles.Count == 0)
        {
            errors.Add("Setting Workflows:Directory:GroupRoles is empty but Workflows:Directory:Source is Graph: map at least one Entra group to a role (Workflows:Directory:GroupRoles:0:GroupId, :Role, :Level, :ScopeId).");
        }

        for (var i = 0; i < options.GroupRoles.Count; i++)
        {
            var mapping = options.GroupRoles[i];
            var setting = $"Workflows:Directory:GroupRoles:{i}";
            if (!Guid.TryParse(mapping.GroupId, out _))
            {
                errors.Add($"Setting {setting}:GroupId must be an Entra group object id (a GUID).");
            }

            if (!Roles.All.Contains(mapping.Role))
            {
                errors.Add($"Setting {setting}:Role '{mapping.Role}' is not a known role (e.g. {Roles.ProgrammeCoordinator}, {Roles.PrisonDirector}).");
            }

            if (mapping.Level != ScopeLevel.Central && string.IsNullOrWhiteSpace(mapping.ScopeId))
            {
                errors.Add($"Setting {setting}:ScopeId is required for level {mapping.Level} (the facility, region or organisation id).");
            }
        }

        if (!string.IsNullOrEmpty(options.WomenStaffGroupId) && !Guid.TryParse(options.WomenStaffGroupId, out _))
        {
            errors.Add("Setting Workflows:Directory:WomenStaffGroupId must be an Entra group object id (a GUID), or empty.");
        }

        if (!string.IsNullOrWhiteSpace(options.FacilitiesFile) && !File.Exists(options.FacilitiesFile))
        {
            errors.Add($"Setting Workflows:Directory:FacilitiesFile points to '{options.FacilitiesFile}', which does not exist.");
        }

        if (options.CacheLifetime < TimeSpan.Zero || options.CacheLifetime > TimeSpan.FromHours(1))
        {
            errors.Add("Setting Workflows:Directory:CacheLifetime must be between 00:00:00 and 01:00:00 (role changes must take effect soon).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
