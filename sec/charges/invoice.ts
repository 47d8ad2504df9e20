import type { Eui64 } from '../../protocol/index.js';
import { amountOf, basisPoints, divRound } from './money.js';
import { POTS, type ChargingStatement, type Pot } from './statement.js';

/** One charge on an invoice: what, how many, at what price, for how much (pence). */
export interface InvoiceLine {
  readonly code: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit: string;
  /** Price per unit in millipence (1/1000 p): fixed charges per system are finer than a penny. */
  readonly unitPriceMillipence: number;
  readonly amountPence: number;
}

export interface Invoice {
  readonly id: number;
  readonly party: Eui64;
  readonly month: string;
  readonly issuedAt: number;
  readonly dueAt: number;
  readonly statement: number;
  readonly lines: readonly InvoiceLine[];
  readonly subtotalPence: number;
  readonly vatBp: number;
  readonly vatPence: number;
  readonly totalPence: number;
}

/** An amount owed or credited outside the month's charges: a dispute's settlement, interest, bad debt, a KPI reduction. */
export interface Adjustment {
  readonly id: number;
  readonly kind: 'dispute' | 'interest' | 'badDebt' | 'kpi';
  readonly description: string;
  readonly amountPence: number;
}

/** Everything an invoice is computed from: the same inputs always give the same invoice, to the penny. */
export interface InvoiceInputs {
  readonly party: Eui64;
  readonly month: string;
  readonly issuedAt: number;
  readonly dueAt: number;
  readonly statement: ChargingStatement;
  /** The month is before Go-Live: the fixed basis is the pre-Go-Live costs over the mandated systems. */
  readonly preGoLive: boolean;
  /** Other Users pay explicit charges only (SEC ch. 9). */
  readonly otherUser: boolean;
  /** The party's enrolled systems in each class at the month's end. */
  readonly systems: Readonly<Partial<Record<Pot, number>>>;
  readonly chargeableBytes: number;
  readonly member: boolean;
  readonly accededInMonth: boolean;
  readonly optOuts: number;
  /** The party's share of each accepted elective service's monthly price (take-or-pay). */
  readonly electives: readonly { readonly id: number; readonly sharePence: number }[];
  readonly adjustments: readonly Adjustment[];
  readonly vatBp: number;
}

const POT_NAMES: Record<Pot, string> = {
  importSupplier: 'Fixed charge: import supplier, per electricity system',
  exportSupplier: 'Fixed charge: export supplier, per electricity system',
  gasSupplier: 'Fixed charge: gas supplier, per gas system',
  electricityDistributor: 'Fixed charge: electricity distributor, per electricity system',
  gasTransporter: 'Fixed charge: gas transporter, per gas system',
};

/**
 * The monthly fixed price per system of one pot, millipence: the pot's share of the year's fixed
 * costs, a twelfth of it a month, divided by the class's systems (past plus forecast; before
 * Go-Live, the pre-Go-Live costs over the systems mandated for enrolment). Uniform across GB.
 */
export function fixedPriceMillipence(statement: ChargingStatement, pot: Pot, preGoLive: boolean): number {
  const costs = preGoLive ? (statement.preGoLive?.costsPence ?? 0) : statement.fixedCostsPence;
  const systems = preGoLive ? (statement.preGoLive?.mandatedSystems[pot] ?? 0) : statement.systems[pot];
  if (systems === 0) return 0;
  return Number(divRound(BigInt(costs) * BigInt(statement.potSharesBp[pot]) * 1000n, 10_000n * 12n * BigInt(systems)));
}

/** SEC ch. 9: one month's invoice, in arrears, one line per charge, VAT on the subtotal. */
export function computeInvoice(id: number, inputs: InvoiceInputs): Invoice {
  const { statement } = inputs;
  const lines: InvoiceLine[] = [];
  if (!inputs.otherUser)
    for (const pot of POTS) {
      const systems = inputs.systems[pot] ?? 0;
      if (systems === 0) continue;
      const price = fixedPriceMillipence(statement, pot, inputs.preGoLive);
      lines.push({
        code: `fixed.${pot}`,
        description: POT_NAMES[pot] + (inputs.preGoLive ? ' (pre-Go-Live: DCC and governance costs)' : ''),
        quantity: systems,
        unit: 'system-month',
        unitPriceMillipence: price,
        amountPence: amountOf(systems, price),
      });
    }
  if (inputs.chargeableBytes > 0)
    lines.push({
      code: 'explicit.data',
      description: 'Data sent and received through the User Gateway, per GB (10^9 bytes)',
      quantity: inputs.chargeableBytes,
      unit: 'byte',
      unitPriceMillipence: statement.pencePerGb * 1000,
      amountPence: Number(divRound(BigInt(inputs.chargeableBytes) * BigInt(statement.pencePerGb), 1_000_000_000n)),
    });
  const explicit = (code: string, description: string, quantity: number, pence: number) => {
    if (quantity > 0)
      lines.push({
        code,
        description,
        quantity,
        unit: 'each',
        unitPriceMillipence: pence * 1000,
        amountPence: quantity * pence,
      });
  };
  if (inputs.accededInMonth)
    explicit('explicit.application', 'Application fee (SEC ch. 5)', 1, statement.applicationFeePence);
  if (inputs.member) explicit('explicit.membership', 'Monthly membership fee', 1, statement.membershipFeePencePerMonth);
  explicit('explicit.optOut', 'Opt-out fee', inputs.optOuts, statement.optOutFeePence);
  for (const elective of inputs.electives)
    explicit(`elective.${elective.id}`, `Elective service ${elective.id} (take-or-pay)`, 1, elective.sharePence);
  for (const adjustment of inputs.adjustments)
    lines.push({
      code: `adjustment.${adjustment.kind}.${adjustment.id}`,
      description: adjustment.description,
      quantity: 1,
      unit: 'each',
      unitPriceMillipence: adjustment.amountPence * 1000,
      amountPence: adjustment.amountPence,
    });
  const subtotalPence = lines.reduce((sum, line) => sum + line.amountPence, 0);
  const vatPence = basisPoints(subtotalPence, inputs.vatBp);
  return {
    id,
    party: inputs.party,
    month: inputs.month,
    issuedAt: inputs.issuedAt,
    dueAt: inputs.dueAt,
    statement: statement.id,
    lines,
    subtotalPence,
    vatBp: inputs.vatBp,
    vatPence,
    totalPence: subtotalPence + vatPence,
  };
}
