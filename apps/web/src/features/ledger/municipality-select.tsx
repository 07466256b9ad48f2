import { SelectField } from '../../components/form-field';
import { useGeography } from '../../hooks/use-geography';
import { municipalityLabel } from '../../lib/format';
import { useMunicipalityIndex } from '../admin/use-municipality-index';
import { useSessionUser } from '../auth/session-store';

/** Municipalities grouped by prefecture, the coordinator's own prefecture first (as on the request form). */
export function MunicipalitySelect(props: { label: string; name: string; value: string; onChange: (v: string) => void; empty: string; error?: string }) {
  const user = useSessionUser();
  const geography = useGeography();
  const index = useMunicipalityIndex(geography.data);
  const own = index.byCode.get(user.organisation.municipalityCode ?? '')?.prefectureCode;
  const groups = [...index.groups].sort((a, b) => Number(b.code === own) - Number(a.code === own));
  return (
    <SelectField label={props.label} name={props.name} value={props.value} error={props.error} onChange={props.onChange}>
      <option value="">{props.empty}</option>
      {groups.map((group) => (
        <optgroup key={group.code} label={group.name}>
          {group.municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {municipalityLabel(m, index.byCode, 'ja')}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

/** A municipality's name for a code (the code itself until the geography is loaded). */
export function useMunicipalityName() {
  const index = useMunicipalityIndex(useGeography().data);
  return (code: string) => {
    const m = index.byCode.get(code);
    return m ? municipalityLabel(m, index.byCode, 'ja') : code;
  };
}
