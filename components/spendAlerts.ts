import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GLOBAL_EVENTS_REGION } from "../lib/regions";

export interface SpendAlertsArgs {
  readonly accountId: string;
  /** The alert topic; Cost Anomaly Detection and Budgets publish to it directly. */
  readonly topicArn: pulumi.Input<string>;
  /** Estimated charges for the month, in USD, above which the billing alarm fires. */
  readonly billingAlarmUsd: number;
  /** Total impact, in USD, from which an anomaly is sent. */
  readonly anomalyThresholdUsd: number;
  /** Subscribe to this monitor instead of creating one. Default: a new AWS services monitor. */
  readonly existingAnomalyMonitorArn?: string;
  /** A monthly cost budget in USD. Default: none. */
  readonly monthlyBudgetUsd?: number;
}

/** Billing data is refreshed a few times a day; a six-hour period sees every update. */
const BILLING_PERIOD_SECONDS = 6 * 3600;

/**
 * Spend warnings. The billing alarm must live in us-east-1, where billing metrics are published,
 * and a CloudWatch alarm can only notify a topic in its own region; rather than a second topic
 * (with its own key, policy and email confirmations), the alarm has no action and its state
 * change event is caught by a rule in us-east-1 and forwarded home like every other alert (see
 * `spendAlertRules`). Cost Anomaly Detection and Budgets are global services that publish to the
 * home topic directly; the topic and key policies admit them.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/monitor_estimated_charges_with_cloudwatch.html
 */
export class SpendAlerts extends pulumi.ComponentResource {
  readonly billingAlarm: aws.cloudwatch.MetricAlarm;
  /** Fixed, so that the rule catching its state changes can name it. */
  readonly billingAlarmName: string;
  readonly anomalyMonitorArn: pulumi.Output<string>;
  readonly budget?: aws.budgets.Budget;

  constructor(name: string, args: SpendAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:spend:SpendAlerts", name, {}, opts);

    this.billingAlarmName = `${name}-estimated-charges`;
    this.billingAlarm = new aws.cloudwatch.MetricAlarm(
      `${name}-billing`,
      {
        region: GLOBAL_EVENTS_REGION,
        name: this.billingAlarmName,
        alarmDescription: `Estimated charges this month above ${args.billingAlarmUsd} USD`,
        namespace: "AWS/Billing",
        metricName: "EstimatedCharges",
        dimensions: { Currency: "USD" },
        statistic: "Maximum",
        period: BILLING_PERIOD_SECONDS,
        evaluationPeriods: 1,
        threshold: args.billingAlarmUsd,
        comparisonOperator: "GreaterThanThreshold",
        // Until billing alerts are turned on in the console there is no metric; that is not spend.
        treatMissingData: "notBreaching",
      },
      { parent: this },
    );

    const monitorArn: pulumi.Input<string> =
      args.existingAnomalyMonitorArn ??
      new aws.costexplorer.AnomalyMonitor(
        `${name}-anomalies`,
        { monitorType: "DIMENSIONAL", monitorDimension: "SERVICE" },
        { parent: this },
      ).arn;
    this.anomalyMonitorArn = pulumi.output(monitorArn);
    new aws.costexplorer.AnomalySubscription(
      `${name}-anomalies`,
      {
        monitorArnLists: [monitorArn],
        // SNS subscribers are only accepted with IMMEDIATE; DAILY and WEEKLY are email digests.
        frequency: "IMMEDIATE",
        subscribers: [{ type: "SNS", address: args.topicArn }],
        thresholdExpression: {
          dimension: {
            key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
            matchOptions: ["GREATER_THAN_OR_EQUAL"],
            values: [String(args.anomalyThresholdUsd)],
          },
        },
      },
      { parent: this },
    );

    if (args.monthlyBudgetUsd !== undefined) {
      const notify = (notificationType: string, threshold: number) => ({
        notificationType,
        comparisonOperator: "GREATER_THAN",
        threshold,
        thresholdType: "PERCENTAGE",
        subscriberSnsTopicArns: [args.topicArn],
      });
      this.budget = new aws.budgets.Budget(
        `${name}-monthly`,
        {
          accountId: args.accountId,
          budgetType: "COST",
          limitAmount: String(args.monthlyBudgetUsd),
          limitUnit: "USD",
          timeUnit: "MONTHLY",
          notifications: [notify("ACTUAL", 80), notify("FORECASTED", 100)],
        },
        { parent: this },
      );
    }

    this.registerOutputs({
      billingAlarmArn: this.billingAlarm.arn,
      anomalyMonitorArn: this.anomalyMonitorArn,
    });
  }
}
