/** Issue 11: season-switch runs once at every deploy (a custom resource served by the season-switch function itself). */
import { describe, expect, it } from 'vitest';
import { DEV_CONTEXT, resourcesOf, synthStage } from './support.js';

describe('season-switch at deploy', () => {
  it('the stateless stack invokes season-switch through a custom resource, after the schedules exist', () => {
    const s = synthStage(DEV_CONTEXT, { bundle: false });
    const runs = resourcesOf(s.statelessTemplate, 'Custom::SeasonSwitchAtDeploy');
    expect(runs).toHaveLength(1);
    const [, run] = runs[0]!;
    const fnId = resourcesOf(s.statelessTemplate, 'AWS::Lambda::Function').find(([, f]) =>
      String(f.Properties.FunctionName).endsWith('-season-switch'),
    )![0];
    expect(run.Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(run.Properties.deployId).toBeDefined();
    const schedules = resourcesOf(s.statelessTemplate, 'AWS::Scheduler::Schedule').map(([id]) => id);
    expect(schedules.length).toBeGreaterThan(0);
    for (const id of schedules) expect(run.DependsOn).toContain(id);
  });
});
