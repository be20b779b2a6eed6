# azd postprovision hook (PowerShell twin of postprovision.sh).
#  1. Writes local.settings.json (git-ignored) at the repository root, for running the host on this
#     machine against the storage account that was just provisioned (your own identity, no keys).
#  2. Replaces the approval-link signing key and the audit chain key with 384-bit random keys when they
#     are still the short values azd generated on the first provision (needs the Azure CLI and access
#     to the vault).
$ErrorActionPreference = 'Stop'

$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$settingsPath = if ($env:WORKFLOWS_LOCAL_SETTINGS_PATH) { $env:WORKFLOWS_LOCAL_SETTINGS_PATH } else { Join-Path $root 'local.settings.json' }

if (-not $env:AZURE_STORAGE_ACCOUNT_NAME -or -not $env:AZURE_TENANT_ID) {
    throw 'AZURE_STORAGE_ACCOUNT_NAME or AZURE_TENANT_ID is not set: run this through azd (azd provision).'
}
$taskHub = if ($env:WORKFLOWS_TASK_HUB) { $env:WORKFLOWS_TASK_HUB } else { 'workflows' }
$partitions = if ($env:WORKFLOWS_PARTITION_COUNT) { $env:WORKFLOWS_PARTITION_COUNT } else { '4' }

# Own task hub (<hub>local) so the local host never competes with the deployed app; notifications stay
# in the development outbox; no secret is written here.
$settings = [ordered]@{
    IsEncrypted = $false
    Values      = [ordered]@{
        AZURE_TENANT_ID                    = $env:AZURE_TENANT_ID
        Workflows__Storage__AccountName    = $env:AZURE_STORAGE_ACCOUNT_NAME
        Workflows__Storage__TaskHub        = "${taskHub}local"
        Workflows__Engine__PartitionCount  = "$partitions"
        Workflows__PublicBaseUrl           = 'http://localhost:7071'
        Workflows__Notifications__Channel  = 'Outbox'
    }
    Host        = [ordered]@{ LocalHttpPort = 7071 }
}
$settings | ConvertTo-Json -Depth 4 | Set-Content -Path $settingsPath -Encoding utf8
Write-Host "Wrote $settingsPath (storage account $($env:AZURE_STORAGE_ACCOUNT_NAME), task hub ${taskHub}local)."

# azd generates 15-character placeholders on the first provision and keeps whatever the vault holds
# afterwards: replacing a placeholder once makes the key permanent. The audit chain key is replaced only
# while shorter than the 32 characters the host requires, so a key that sealed audit entries is never
# touched (earlier entries would no longer verify).
$vault = $env:AZURE_KEY_VAULT_NAME
if (-not $vault -or -not (Get-Command az -ErrorAction SilentlyContinue)) {
    Write-Host 'Skipped the generated key check (needs AZURE_KEY_VAULT_NAME and az).'
    exit 0
}

function Update-GeneratedKey([string] $name, [int] $minimum, [string] $description) {
    $length = az keyvault secret show --vault-name $vault --name $name --query 'length(value)' --output tsv 2>$null
    if (-not $length) {
        Write-Host "Could not read the $description from $vault (role assignments take a few minutes; with private"
        Write-Host "networking, run from inside the network). Run 'azd provision' again later, or see infra/README.md."
    }
    elseif ([int]$length -lt $minimum) {
        $bytes = [byte[]]::new(48)
        [System.Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
        $keyFile = New-TemporaryFile
        try {
            [System.IO.File]::WriteAllText($keyFile.FullName, [Convert]::ToBase64String($bytes))
            az keyvault secret set --vault-name $vault --name $name --file $keyFile.FullName --encoding utf-8 --content-type text/plain --output none
            Write-Host "Replaced the generated $description with a 384-bit random key."
        }
        finally {
            Remove-Item $keyFile.FullName -Force
        }
    }
}

Update-GeneratedKey 'approval-link-signing-key' 44 'approval-link signing key'
Update-GeneratedKey 'audit-chain-key' 32 'audit chain key'
