import { axeGate } from './axe';

// The Chinese screen of a new terminal: no manager PIN yet, so the set-PIN dialog is audited too.
axeGate('zh-CN');
