// Smoke test of a new revision before it takes production traffic, for both deployment routes:
// - ECS blue/green lifecycle hook (POST_TEST_TRAFFIC_SHIFT): answer { hookStatus } for the service in the event;
// - CodeDeploy's AfterAllowTestTraffic hook: report the result with PutLifecycleEventHookExecutionStatus.
// CHECKS maps an ECS service name to requests that reach the new revision (test listener, or Service Connect's
// test-traffic header) and the status each must answer.
const { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } = require('@aws-sdk/client-codedeploy');

const checks = JSON.parse(process.env.CHECKS);
const attempts = 3;

async function passes(check) {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(check.url, { headers: check.headers || {}, signal: AbortSignal.timeout(5000) });
      if (response.status === check.status) {
        return true;
      }
      console.log(`${check.url}: ${response.status}, expected ${check.status} (attempt ${attempt})`);
    } catch (error) {
      console.log(`${check.url}: ${error.message} (attempt ${attempt})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return false;
}

async function smokeTest(service) {
  const list = checks[service];
  if (!list) {
    console.log(`No checks for ${service}`);
    return false;
  }
  const results = await Promise.all(list.map(passes));
  return results.every(Boolean);
}

exports.handler = async (event) => {
  if (event.DeploymentId) {
    const passed = await smokeTest(process.env.CODEDEPLOY_SERVICE);
    await new CodeDeployClient({}).send(new PutLifecycleEventHookExecutionStatusCommand({
      deploymentId: event.DeploymentId,
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
      status: passed ? 'Succeeded' : 'Failed',
    }));
    return;
  }
  const service = event.executionDetails.serviceArn.split('/').pop();
  const passed = await smokeTest(service);
  console.log(`${service} ${event.lifecycleStage}: ${passed ? 'passed' : 'failed'}`);
  return { hookStatus: passed ? 'SUCCEEDED' : 'FAILED' };
};
