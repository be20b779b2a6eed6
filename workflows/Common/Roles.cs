namespace Workflows;

/// <summary>The roles of domain.md (and the few the default policy adds: heads, deputies, chairs), as stable names.</summary>
public static class Roles
{
    public const string ReferringOfficer = "referringOfficer";
    public const string ProgrammeCoordinator = "programmeCoordinator";
    public const string HeadOfRehabilitation = "headOfRehabilitation";
    public const string RiskAssessor = "riskAssessor";
    public const string SeniorPsychologist = "seniorPsychologist";
    public const string SecurityOfficer = "securityOfficer";
    public const string PrisonDirector = "prisonDirector";
    public const string DeputyDirector = "deputyDirector";
    public const string CentralAdministration = "centralAdministration";
    public const string HeadOfCentralAdministration = "headOfCentralAdministration";
    public const string CentralPartnershipsUnit = "centralPartnershipsUnit";
    public const string LegalReviewer = "legalReviewer";
    public const string ProgrammeReviewer = "programmeReviewer";
    public const string InterAgencyChair = "interAgencyChair";
    public const string Psychologist = "psychologist";
    public const string SocialWorker = "socialWorker";
    public const string ReligiousCounsellor = "religiousCounsellor";
    public const string EducationStaff = "educationStaff";
    public const string MedicalOfficer = "medicalOfficer";
    public const string CsoFocalPoint = "csoFocalPoint";
    public const string CsoStaff = "csoStaff";
    public const string ProbationOfficer = "probationOfficer";
    public const string Police = "police";
    public const string LocalAuthority = "localAuthority";
    public const string ChildProtection = "childProtection";
    public const string Prosecutor = "prosecutor";
    public const string ConsularService = "consularService";
    public const string CivilRegistry = "civilRegistry";
    public const string NationalSecurity = "nationalSecurity";
    public const string ManifestAuthority = "manifestAuthority";
    public const string CentreDirector = "centreDirector";
    public const string RegionalCoordinator = "regionalCoordinator";
    public const string NationalBody = "nationalBody";
    public const string ComplaintsOfficer = "complaintsOfficer";
    public const string DataProtectionOfficer = "dataProtectionOfficer";
    public const string Inspector = "inspector";
    public const string SystemAdministrator = "systemAdministrator";

    /// <summary>The roles that only read (inspectors): they never decide, submit or record anything.</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal) { Inspector };

    /// <summary>The roles of civil society organisations' people (held per organisation): partners, never prison staff.</summary>
    public static readonly IReadOnlySet<string> Partners = new HashSet<string>(StringComparer.Ordinal) { CsoFocalPoint, CsoStaff };

    /// <summary>The pseudo-role of the person who submitted a case (clarification tasks go to them).</summary>
    public const string Requester = "requester";

    /// <summary>Every role above, for validation of policies and directories.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ReferringOfficer, ProgrammeCoordinator, HeadOfRehabilitation, RiskAssessor, SeniorPsychologist, SecurityOfficer,
        PrisonDirector, DeputyDirector, CentralAdministration, HeadOfCentralAdministration, CentralPartnershipsUnit,
        LegalReviewer, ProgrammeReviewer, InterAgencyChair, Psychologist, SocialWorker, ReligiousCounsellor, EducationStaff,
        MedicalOfficer, CsoFocalPoint, CsoStaff, ProbationOfficer, Police, LocalAuthority, ChildProtection, Prosecutor,
        ConsularService, CivilRegistry, NationalSecurity, ManifestAuthority, CentreDirector, RegionalCoordinator, NationalBody,
        ComplaintsOfficer, DataProtectionOfficer, Inspector, SystemAdministrator, Requester,
    };
}
