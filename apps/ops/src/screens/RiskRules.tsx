/**
 * The risk rules: every staff role reads them; risk analysts and admins change one (outcome, on or off,
 * thresholds) and see the change history — who changed what, from what to what, and the version made.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { RiskRuleChangesDocument, RiskRulesDocument, UpdateRiskRuleDocument, type RiskOutcome } from '@documents';
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Card, Field, Notice, SelectField } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { shanghaiTime } from '../days';
import { DataTable } from '../EChart';
import { OUTCOME_NAMES, PARAMETER_NAMES, ruleName } from '../labels';
import { hasAnyRole, type StaffRole } from '../staffRoles';

interface Rule {
  code: string;
  outcome: RiskOutcome;
  enabled: boolean;
  parameters: { name: string; value: string }[];
}

const describe = (rule: Rule) =>
  [
    OUTCOME_NAMES[rule.outcome],
    rule.enabled ? '启用' : '停用',
    ...rule.parameters.map((parameter) => `${PARAMETER_NAMES[parameter.name] ?? parameter.name} ${parameter.value}`),
  ].join('，');

export function RiskRules({ roles }: { roles: readonly StaffRole[] }) {
  const editor = hasAnyRole(roles, ['RISK_ANALYST', 'ADMIN']);
  const rules = useQuery(RiskRulesDocument);
  const [editing, setEditing] = useState<string>();
  const [saved, setSaved] = useState<string>();

  const ruleSet = rules.data?.riskRules;
  return (
    <>
      <Notice>{rules.error ? errorMessage(rules.error) : undefined}</Notice>
      <Notice kind="success">{saved}</Notice>
      <Card title={ruleSet ? `当前规则（版本 ${ruleSet.version}）` : '当前规则'}>
        <div className="ops-table-wrap">
          <table className="bank-table">
            <caption className="ops-visually-hidden">当前风险规则</caption>
            <thead>
              <tr>
                <th scope="col">规则</th>
                <th scope="col">结果</th>
                <th scope="col">状态</th>
                <th scope="col">参数</th>
                {editor ? <th scope="col">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {(ruleSet?.rules ?? []).map((rule) => (
                <tr key={rule.code}>
                  <th scope="row">{ruleName(rule.code)}</th>
                  <td>{OUTCOME_NAMES[rule.outcome]}</td>
                  <td>{rule.enabled ? '启用' : '停用'}</td>
                  <td>
                    {rule.parameters.length
                      ? rule.parameters
                          .map((parameter) => `${PARAMETER_NAMES[parameter.name] ?? parameter.name}：${parameter.value}`)
                          .join('；')
                      : '—'}
                  </td>
                  {editor ? (
                    <td>
                      <Button
                        variant="secondary"
                        aria-expanded={editing === rule.code}
                        aria-controls="rule-editor"
                        aria-label={`修改 ${ruleName(rule.code)}`}
                        onClick={() => {
                          setSaved(undefined);
                          setEditing(editing === rule.code ? undefined : rule.code);
                        }}
                      >
                        修改
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {editor && editing && ruleSet ? (
        <RuleEditor
          key={`${editing}-${ruleSet.version}`}
          rule={ruleSet.rules.find((rule) => rule.code === editing)!}
          onDone={(version) => {
            setEditing(undefined);
            setSaved(`已保存，规则版本 ${version}`);
            void rules.refetch();
          }}
          onCancel={() => setEditing(undefined)}
        />
      ) : null}
      {editor ? <ChangeHistory version={ruleSet?.version} /> : <p>规则的修改与变更记录仅对风控分析和管理员开放。</p>}
    </>
  );
}

function RuleEditor({ rule, onDone, onCancel }: { rule: Rule; onDone: (version: number) => void; onCancel: () => void }) {
  const [update, { loading }] = useMutation(UpdateRiskRuleDocument);
  const [outcome, setOutcome] = useState<RiskOutcome>(rule.outcome);
  const [enabled, setEnabled] = useState(rule.enabled);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(rule.parameters.map((p) => [p.name, p.value])));
  const [failure, setFailure] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const parameters = rule.parameters
      .filter((parameter) => values[parameter.name] !== parameter.value)
      .map((parameter) => ({ name: parameter.name, value: (values[parameter.name] ?? '').trim() }));
    try {
      const { data } = await update({
        variables: {
          input: {
            code: rule.code,
            outcome: outcome === rule.outcome ? null : outcome,
            enabled: enabled === rule.enabled ? null : enabled,
            parameters: parameters.length ? parameters : null,
          },
        },
      });
      if (data) onDone(data.updateRiskRule.version);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <Card title={`修改规则：${ruleName(rule.code)}`}>
      <form id="rule-editor" className="ops-rule-form" onSubmit={submit}>
        <SelectField
          label="决策结果"
          value={outcome}
          onChange={(event) => setOutcome(event.target.value as RiskOutcome)}
          options={Object.entries(OUTCOME_NAMES).map(([value, label]) => ({ value, label }))}
        />
        <div className="bank-field">
          <label>
            <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} /> 启用此规则
          </label>
        </div>
        {rule.parameters.map((parameter) => (
          <Field
            key={parameter.name}
            label={PARAMETER_NAMES[parameter.name] ?? parameter.name}
            name={parameter.name}
            value={values[parameter.name] ?? ''}
            onChange={(event) => setValues({ ...values, [parameter.name]: event.target.value })}
          />
        ))}
        <Notice>{failure}</Notice>
        <Button type="submit" busy={loading}>
          保存修改
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          取消
        </Button>
      </form>
    </Card>
  );
}

function ChangeHistory({ version }: { version?: number }) {
  const changes = useQuery(RiskRuleChangesDocument, { variables: { first: 20 } });
  const { refetch } = changes;
  // Asked again whenever the rule-set version changes (a change here, or one seen on reloading the rules).
  useEffect(() => {
    if (version !== undefined) void refetch();
  }, [version, refetch]);
  return (
    <Card title="变更记录">
      <Notice>{changes.error ? errorMessage(changes.error) : undefined}</Notice>
      <div className="ops-table-wrap">
        <DataTable
          caption="风险规则变更记录"
          table={{
            columns: ['时间', '规则', '修改人', '修改前', '修改后', '生成版本'],
            rows: (changes.data?.riskRuleChanges.edges ?? []).map(({ node }) => [
              shanghaiTime(node.at),
              ruleName(node.rule),
              node.changedBy,
              describe(node.before),
              describe(node.after),
              node.version,
            ]),
          }}
        />
      </div>
    </Card>
  );
}
