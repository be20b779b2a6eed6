#!/usr/bin/env bash
# azd postdeploy hook: gives the timer wake-up job the image that `azd deploy` just put on the app,
# and its real schedule (a job created before the first deploy waits on a once-a-year schedule, see
# infra/main.bicep). azd deploys only the app; without this the job would run an older image until the
# next `azd provision`. Needs the Azure CLI, signed in to the same subscription.
set -euo pipefail

: "${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set: run this through azd (azd deploy).}"
: "${SERVICE_FUNCTIONS_NAME:?SERVICE_FUNCTIONS_NAME is not set: run this through azd (azd deploy).}"
: "${WORKFLOWS_TIMER_JOB_NAME:?WORKFLOWS_TIMER_JOB_NAME is not set: run azd provision first.}"
schedule="${WORKFLOWS_TIMER_WAKEUP_SCHEDULE:-* * * * *}"

if ! command -v az >/dev/null 2>&1; then
  echo "The Azure CLI (az) is needed to update the timer job $WORKFLOWS_TIMER_JOB_NAME; install it and run" >&2
  echo "'azd hooks run postdeploy', or run 'azd provision', which also gives the job the app's image." >&2
  exit 1
fi

image="$(az containerapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$SERVICE_FUNCTIONS_NAME" \
  --query 'properties.template.containers[0].image' --output tsv)"
az containerapp job update --resource-group "$AZURE_RESOURCE_GROUP" --name "$WORKFLOWS_TIMER_JOB_NAME" \
  --image "$image" --cron-expression "$schedule" --output none
echo "Timer job $WORKFLOWS_TIMER_JOB_NAME now runs $image on '$schedule'."
