# azd postdeploy hook (PowerShell twin of postdeploy.sh): gives the timer wake-up job the image that
# `azd deploy` just put on the app, and its real schedule. Needs the Azure CLI.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'SERVICE_FUNCTIONS_NAME', 'WORKFLOWS_TIMER_JOB_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run this through azd (azd deploy)." }
}
$schedule = if ($env:WORKFLOWS_TIMER_WAKEUP_SCHEDULE) { $env:WORKFLOWS_TIMER_WAKEUP_SCHEDULE } else { '* * * * *' }

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    throw "The Azure CLI (az) is needed to update the timer job $($env:WORKFLOWS_TIMER_JOB_NAME); install it and run 'azd hooks run postdeploy', or run 'azd provision'."
}

$image = az containerapp show --resource-group $env:AZURE_RESOURCE_GROUP --name $env:SERVICE_FUNCTIONS_NAME --query 'properties.template.containers[0].image' --output tsv
if ($LASTEXITCODE -ne 0) { throw 'Could not read the app image.' }
az containerapp job update --resource-group $env:AZURE_RESOURCE_GROUP --name $env:WORKFLOWS_TIMER_JOB_NAME --image $image --cron-expression $schedule --output none
if ($LASTEXITCODE -ne 0) { throw 'Could not update the timer job.' }
Write-Host "Timer job $($env:WORKFLOWS_TIMER_JOB_NAME) now runs $image on '$schedule'."
