import { useTranslation } from 'react-i18next';

/** House-rules versions the app has texts for (`houseRules.<version>.*` in the locale files). */
export const HOUSE_RULES_VERSIONS = ['2026-11'] as const;
export type HouseRulesVersion = (typeof HOUSE_RULES_VERSIONS)[number];

export const CURRENT_HOUSE_RULES: HouseRulesVersion = '2026-11';

export function isHouseRulesVersion(value: unknown): value is HouseRulesVersion {
  return typeof value === 'string' && (HOUSE_RULES_VERSIONS as readonly string[]).includes(value);
}

interface HelpLine {
  key: 'emergency' | 'zelfmoordlijn' | 'awel' | 'nl113' | 'nl0800';
  tel: string;
}

const HELP_LINES: { region: 'everywhere' | 'belgium' | 'netherlands'; lines: HelpLine[] }[] = [
  { region: 'everywhere', lines: [{ key: 'emergency', tel: '112' }] },
  {
    region: 'belgium',
    lines: [
      { key: 'zelfmoordlijn', tel: '1813' },
      { key: 'awel', tel: '102' },
    ],
  },
  {
    region: 'netherlands',
    lines: [
      { key: 'nl113', tel: '113' },
      { key: 'nl0800', tel: '08000113' },
    ],
  },
];

interface HouseRulesProps {
  version?: HouseRulesVersion;
  /** Level of the title; the sections use the level below it. */
  headingLevel?: 2 | 3;
  /** id for the title, so a section can be labelled by it. */
  titleId?: string;
}

/** The house rules every client accepts at sign-up. Versioned: the text a person accepted never changes. */
export function HouseRules({ version = CURRENT_HOUSE_RULES, headingLevel = 2, titleId }: HouseRulesProps) {
  const { t } = useTranslation();
  const Title = headingLevel === 2 ? 'h2' : 'h3';
  const Section = headingLevel === 2 ? 'h3' : 'h4';
  const k = `houseRules.${version}` as const;

  return (
    <div className="house-rules">
      <Title id={titleId}>{t(`${k}.title`)}</Title>
      <p className="house-rules__version">{t(`${k}.version`)}</p>
      <p>{t(`${k}.intro`)}</p>

      <Section>{t(`${k}.privacy.title`)}</Section>
      <p>{t(`${k}.privacy.text`)}</p>

      <Section>{t(`${k}.what.title`)}</Section>
      <p>{t(`${k}.what.text`)}</p>
      <ul>
        <li>{t(`${k}.what.chat`)}</li>
        <li>{t(`${k}.what.exercises`)}</li>
        <li>{t(`${k}.what.mood`)}</li>
      </ul>

      <Section>{t(`${k}.notEmergency.title`)}</Section>
      <p>{t(`${k}.notEmergency.text`)}</p>
      {HELP_LINES.map(({ region, lines }) => (
        <div key={region} className="help-lines">
          <p className="help-lines__region">{t(`${k}.notEmergency.${region}`)}</p>
          <ul>
            {lines.map((line) => (
              <li key={line.key}>
                <a href={`tel:${line.tel}`}>{t(`${k}.notEmergency.${line.key}`)}</a>
              </li>
            ))}
          </ul>
        </div>
      ))}

      <Section>{t(`${k}.worried.title`)}</Section>
      <p>{t(`${k}.worried.text`)}</p>

      <Section>{t(`${k}.respect.title`)}</Section>
      <p>{t(`${k}.respect.text`)}</p>
      <p>{t(`${k}.closing`)}</p>
    </div>
  );
}
